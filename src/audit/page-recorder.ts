/**
 * Records what one pass's browser does: every request that leaves (with its
 * initiator, from the DevTools protocol), who set each cookie (a Set-Cookie
 * header, or the script on top of the stack of a `document.cookie` write),
 * and, on demand, every cookie (CDP `Network.getAllCookies`: HttpOnly and
 * third-party included) and the storage of every frame's origin.
 *
 * Code run in the page is written against `globalThis` (typed `any`): this
 * module is compiled for Node, without the DOM's types.
 */
import type { BrowserContext, CDPSession, Page, Request } from 'playwright-core';
import type { CookieOrigin, CookieRecord, CookieWrite, RequestRecord, StorageRecord } from './audit-report.js';
import type { Classifier } from './classify.js';
import { isThirdParty } from './site-of.js';
import type { RequestText } from './synthetic-identity.js';

/** A request as recorded, with the text searched for the synthetic identity; classified when the pass ends. */
export interface RecordedRequest extends Omit<RequestRecord, 'sinceDecision' | 'afterLoad' | 'classification'> {
  text: RequestText;
  /** A navigation of the top page: what follows belongs to a new document. */
  navigation: boolean;
}

/** Options of `settle()`. */
export interface SettleOptions {
  /** How long no request may start or be in flight (ms); default 400. */
  quietMs?: number;
  /** Give up waiting after this long (ms); default 8000. */
  maxMs?: number;
}

/** The recorder of one pass. */
export interface PageRecorder {
  /** Every request so far, in the order the driver reported them. */
  readonly requests: readonly RecordedRequest[];
  /** When the top page's load event started, per page load (ms since the epoch, the browser's clock). */
  readonly loads: readonly number[];
  /** Resolves once the network has been quiet for `quietMs` (or after `maxMs`). */
  settle(options?: SettleOptions): Promise<void>;
  /** Every cookie of the profile, classified, with who set it when known. */
  cookies(): Promise<CookieRecord[]>;
  /** The storage keys and databases of the origins of the page's frames. */
  storage(): Promise<StorageRecord[]>;
  /** Stops listening. */
  detach(): Promise<void>;
}

// Installed before any page script: reports each document.cookie / cookieStore write with its stack,
// and the moment the top page's load event starts (this listener is the first one, so it runs
// before the page's own load handlers and what they add counts as late, R03).
const PAGE_WATCH = `(() => {
  if (window.top === window) addEventListener('load', () => globalThis.__samtyckeAuditLoad?.(Date.now()), { capture: true, once: true });
  const report = (text) => {
    try {
      globalThis.__samtyckeAuditCookieWrite?.(String(text), new Error().stack || '');
    } catch {}
  };
  const own = Object.getOwnPropertyDescriptor(Document.prototype, 'cookie');
  if (own && own.set) {
    Object.defineProperty(Document.prototype, 'cookie', { ...own, set(value) { report(value); return own.set.call(this, value); } });
  }
  if (globalThis.CookieStore && CookieStore.prototype.set) {
    const set = CookieStore.prototype.set;
    CookieStore.prototype.set = function (name, value) {
      const options = typeof name === 'string' ? { name, value } : name || {};
      report(options.name + '=' + (options.expires ? '; Expires=' + new Date(options.expires).toUTCString() : ''));
      return set.apply(this, arguments);
    };
  }
})();`;

/** An e-mail address, or an IPv4 address, in a cookie value (R22). */
const PERSONAL = /[^\s"'@<>(),;:]+@[a-z0-9-]+(\.[a-z0-9-]+)+|\b(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}\b/i;

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** The lifetime a cookie write asks for, in days: Max-Age wins over Expires; `null` for a session cookie. */
export function requestedDays(setCookie: string, now = Date.now()): number | null {
  const maxAge = /;\s*max-age\s*=\s*(-?\d+)/i.exec(setCookie)?.[1];
  if (maxAge !== undefined) return Math.round((Number(maxAge) / 86_400) * 10) / 10;
  const expires = /;\s*expires\s*=\s*([^;]+)/i.exec(setCookie)?.[1];
  const time = expires === undefined ? Number.NaN : Date.parse(expires);
  return Number.isNaN(time) ? null : Math.round(((time - now) / 86_400_000) * 10) / 10;
}

const STACK_URL = /(https?:\/\/[^\s)]+?):\d+:\d+/;

interface CdpCookie {
  name: string;
  value: string;
  domain: string;
  path: string;
  expires: number;
  size: number;
  httpOnly: boolean;
  secure: boolean;
  session: boolean;
  sameSite?: string;
}

interface Initiator {
  type: string;
  url?: string;
  stack?: { callFrames: { url: string }[]; parent?: Initiator['stack'] };
}

function initiatorUrl(initiator: Initiator): string | undefined {
  if (initiator.url) return initiator.url;
  for (let stack = initiator.stack; stack; stack = stack.parent) {
    const frame = stack.callFrames.find((call) => call.url);
    if (frame) return frame.url;
  }
  return undefined;
}

const hostOf = (url: string): string => {
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return '';
  }
};

/**
 * Starts recording a pass's page. Call before the first navigation. `classifier`
 * is asked when cookies are read: the first visit learns the site's config on the way.
 * @example const recorder = await recordPage(context, page, () => classifier, 'shop.example');
 */
export async function recordPage(context: BrowserContext, page: Page, classifier: () => Classifier, pageHost: string): Promise<PageRecorder> {
  const requests: RecordedRequest[] = [];
  const cookieOrigins = new Map<string, CookieWrite>();
  const loads: number[] = [];
  // The browser's own record of each request start: what started it, and when (its wall clock).
  const starts = new Map<string, BrowserStart[]>();
  let inFlight = 0;
  let lastActivity = Date.now();
  const listeners = new Set<() => void>();
  const activity = (): void => {
    lastActivity = Date.now();
    for (const listener of listeners) listener();
  };

  await context.exposeBinding('__samtyckeAuditCookieWrite', (source, text: unknown, stack: unknown) => {
    const name = typeof text === 'string' ? text.split(';')[0]?.split('=')[0]?.trim() : '';
    if (!name) return;
    const url = (typeof stack === 'string' && STACK_URL.exec(stack)?.[1]) || source.frame.url();
    cookieOrigins.set(`${name}@script`, { kind: 'script', url, requestedDays: requestedDays(text as string) });
  });
  await context.exposeBinding('__samtyckeAuditLoad', (_source, at: unknown) => {
    if (typeof at === 'number') loads.push(at);
  });
  await context.addInitScript({ content: PAGE_WATCH });

  const cdp: CDPSession = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  // The driver's events and this session's arrive in either order: whichever comes second pairs them by URL.
  // Requests of frames in other processes (and workers) keep the driver's time and have no initiator.
  cdp.on('Network.requestWillBeSent', (event: { request: { url: string }; initiator: Initiator; wallTime?: number }) => {
    const start: BrowserStart = { initiator: describeInitiator(event.initiator), at: event.wallTime ? Math.round(event.wallTime * 1000) : undefined };
    const waiting = requests.find((request) => request.initiator === undefined && request.text.url === event.request.url);
    if (waiting) applyStart(waiting, start);
    else starts.set(event.request.url, [...(starts.get(event.request.url) ?? []), start]);
  });

  const onRequest = (request: Request): void => {
    const url = request.url();
    if (!/^https?:/.test(url)) return;
    inFlight++;
    activity();
    const host = hostOf(url);
    const recorded: RecordedRequest = {
      url: url.slice(0, 500),
      host,
      method: request.method(),
      type: request.resourceType(),
      at: Date.now(),
      thirdParty: isThirdParty(host, pageHost),
      text: { url, body: request.postData() ?? '', referer: request.headers()['referer'] ?? '' },
      navigation: request.isNavigationRequest() && request.frame() === page.mainFrame(),
    };
    const start = starts.get(url)?.shift();
    if (start) applyStart(recorded, start);
    requests.push(recorded);
  };
  const onDone = (request: Request): void => {
    if (!/^https?:/.test(request.url())) return;
    inFlight = Math.max(0, inFlight - 1);
    activity();
  };
  const onResponse = async (response: import('playwright-core').Response): Promise<void> => {
    try {
      for (const line of await response.headerValues('set-cookie')) {
        for (const cookie of line.split('\n')) {
          const name = cookie.split(';')[0]?.split('=')[0]?.trim();
          if (name) cookieOrigins.set(`${name}@${hostOf(response.url())}`, { kind: 'response', url: response.url().slice(0, 500), requestedDays: requestedDays(cookie) });
        }
      }
    } catch {
      // The response went with its page (a navigation); its cookies are still read below.
    }
  };
  context.on('request', onRequest);
  context.on('requestfinished', onDone);
  context.on('requestfailed', onDone);
  context.on('response', onResponse);

  const originOf = (cookie: CdpCookie): CookieWrite | undefined => {
    const domain = cookie.domain.replace(/^\./, '');
    for (const [key, origin] of cookieOrigins) {
      const [name, host] = [key.slice(0, key.lastIndexOf('@')), key.slice(key.lastIndexOf('@') + 1)];
      if (name === cookie.name && host !== 'script' && (host === domain || host.endsWith(`.${domain}`))) return origin;
    }
    return cookieOrigins.get(`${cookie.name}@script`);
  };

  return {
    requests,
    loads,
    settle({ quietMs = 400, maxMs = 8000 } = {}) {
      return new Promise<void>((resolve) => {
        let timer: ReturnType<typeof setTimeout> | undefined;
        const finish = (): void => {
          clearTimeout(timer);
          clearTimeout(limit);
          listeners.delete(check);
          resolve();
        };
        // Re-armed on every request event: resolves when the last one is quietMs old and none is in flight.
        const check = (): void => {
          clearTimeout(timer);
          timer = setTimeout(() => (inFlight === 0 ? finish() : undefined), Math.max(0, quietMs - (Date.now() - lastActivity)));
        };
        const limit = setTimeout(finish, maxMs);
        listeners.add(check);
        check();
      });
    },
    async cookies() {
      const { cookies } = (await cdp.send('Network.getAllCookies')) as { cookies: CdpCookie[] };
      const now = Date.now();
      return cookies.map((cookie) => {
        const expires = cookie.session || cookie.expires < 0 ? null : Math.round(cookie.expires * 1000);
        const write = originOf(cookie);
        const setBy: CookieOrigin | undefined = write && { kind: write.kind, url: write.url };
        return {
          name: cookie.name,
          domain: cookie.domain,
          path: cookie.path,
          expires,
          lifetimeDays: expires === null ? null : Math.round(((expires - now) / 86_400_000) * 10) / 10,
          ...(write ? { requestedDays: write.requestedDays } : {}),
          size: cookie.size,
          httpOnly: cookie.httpOnly,
          secure: cookie.secure,
          sameSite: cookie.sameSite ?? 'unset',
          thirdParty: isThirdParty(cookie.domain, pageHost),
          looksPersonal: PERSONAL.test(safeDecode(cookie.value)),
          ...(setBy ? { setBy } : {}),
          classification: classifier().cookie(cookie.name, cookie.domain),
        };
      });
    },
    async storage() {
      const byOrigin = new Map<string, StorageRecord>();
      for (const frame of page.frames()) {
        const found = await frame
          .evaluate(async () => {
            const win = globalThis as any;
            const keys = (area: () => { length: number; key(i: number): string | null }): string[] => {
              try {
                const store = area();
                return Array.from({ length: store.length }, (_, i) => store.key(i) ?? '');
              } catch {
                return [];
              }
            };
            let indexedDB: string[] = [];
            try {
              indexedDB = ((await win.indexedDB.databases()) as { name?: string }[]).map((db) => db.name ?? '');
            } catch {
              // Opaque origins have no IndexedDB.
            }
            return { origin: String(win.location.origin), localStorage: keys(() => win.localStorage), sessionStorage: keys(() => win.sessionStorage), indexedDB };
          })
          .catch(() => null);
        if (!found || found.origin === 'null') continue;
        const seen = byOrigin.get(found.origin);
        if (!seen) byOrigin.set(found.origin, found);
        else for (const key of ['localStorage', 'sessionStorage', 'indexedDB'] as const) seen[key] = [...new Set([...seen[key], ...found[key]])];
      }
      return [...byOrigin.values()];
    },
    async detach() {
      context.off('request', onRequest);
      context.off('requestfinished', onDone);
      context.off('requestfailed', onDone);
      context.off('response', onResponse);
      await cdp.detach().catch(() => {});
    },
  };
}

interface BrowserStart {
  initiator: NonNullable<RequestRecord['initiator']>;
  /** The browser's wall clock when the request started (ms since the epoch). */
  at: number | undefined;
}

function applyStart(request: RecordedRequest, start: BrowserStart): void {
  request.initiator = start.initiator;
  if (start.at !== undefined) request.at = start.at;
}

function describeInitiator(initiator: Initiator): NonNullable<RequestRecord['initiator']> {
  const where = initiatorUrl(initiator);
  return where ? { type: initiator.type, url: where.slice(0, 500) } : { type: initiator.type };
}
