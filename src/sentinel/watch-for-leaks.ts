/**
 * The leak sentinel (the Kry lesson, RULES R39 and R42): watches what the page
 * sends to other hosts and raises an incident when a visitor's contact data,
 * plain or hashed, is in it. The head script loads it the first time a
 * visitor types into a field that holds contact data.
 *
 * It cannot see server-side APIs (such as Meta's Conversions API), service
 * workers, cross-origin frames, Blob bodies, or encodings it does not know.
 */
import type { Consent } from '../consent/contract.js';
import type { LeakReport } from '../proof/leak-report.js';
import type { RequestHooks } from '../internal/request-hooks.js';
import { pageUrl } from '../internal/page-address.js';
import { canariesFor, fieldKind, fieldName, isSensitiveField, type Canary } from './canaries.js';
import { toIncident, type Incident, type IncidentOptions, type RequestKind } from './incident.js';
import { toLeakReport, type HostOwner } from './report-leak.js';

export type { Incident } from './incident.js';

/** Options of `watchForLeaks()`. */
export interface SentinelOptions extends IncidentOptions {
  /** `report` (default) raises incidents; `block` also stops the requests that can be stopped. */
  mode?: 'report' | 'block';
  /** The page's consent object: a report carries its consent id and state. */
  consent?: Pick<Consent, 'state' | 'has'> | undefined;
  /** The configured service whose hosts include `host` (a report names it), or `undefined`. */
  ownerOf?: ((host: string) => HostOwner | undefined) | undefined;
  /**
   * Called with the report of each new detection (R42), for the collector: the
   * script tag and `watchForLeaks({ consent })` queue it beside the proof records.
   * A delivery that throws never breaks the page's request.
   */
  deliver?: ((report: LeakReport) => void) | undefined;
}

/** The running sentinel of a page. */
export interface Sentinel {
  /** Every incident raised on this page, oldest first. */
  incidents(): readonly Incident[];
  /** Re-reads a field now (the sentinel also does this on input). */
  track(field: HTMLInputElement): Promise<void>;
}

declare global {
  interface GlobalEventHandlersEventMap {
    'samtycke:leak': CustomEvent<Incident>;
  }
}

let running: Sentinel | null = null;

/** The elements whose URLs the sentinel reads, and what their requests are called. */
const ELEMENT_KINDS: Readonly<Record<string, RequestKind>> = { IMG: 'image', SCRIPT: 'script', IFRAME: 'iframe' };

/** The sentinel running on this page, if one was started. */
export const runningSentinel = (): Sentinel | null => running;

/**
 * Starts the sentinel once per page, through `hooks`; later calls return the
 * running one. It reads fetch, XHR and beacon bodies and the URLs of images,
 * scripts and frames before they leave, and other resources afterwards
 * (Resource Timing). `watchForLeaks()` in `samtycke/sentinel` is the public way in.
 */
export function startSentinel(options: SentinelOptions, { inspectNetwork, inspectElementUrls }: RequestHooks): Sentinel {
  if (running) return running;
  const canaries = new Map<HTMLInputElement, Canary[]>();
  const incidents: Incident[] = [];
  const reported = new Set<string>();
  const block = options.mode === 'block';

  async function track(field: HTMLInputElement): Promise<void> {
    canaries.set(field, await canariesFor(field.value, fieldName(field), fieldKind(field)));
  }

  const timers = new WeakMap<HTMLInputElement, number>();
  const onInput = (event: Event) => {
    const field = event.target;
    if (!isSensitiveField(field)) return;
    clearTimeout(timers.get(field));
    timers.set(field, window.setTimeout(() => void track(field), event.type === 'input' ? 30 : 0));
  };
  document.addEventListener('input', onInput, true);
  document.addEventListener('change', onInput, true);
  for (const field of document.querySelectorAll('input')) if (isSensitiveField(field) && field.value) void track(field);

  function inspect(address: string, body: string, kind: RequestKind, preventable: boolean): boolean {
    const url = new URL(address, document.baseURI);
    if (url.hostname === pageUrl().hostname || !/^(https?|wss?):$/.test(url.protocol)) return false;
    const haystack = `${safeDecode(url.href)} ${url.href} ${body} ${safeDecode(body)}`.toLowerCase();
    for (const list of canaries.values()) {
      const canary = list.find((candidate) => haystack.includes(candidate.needle));
      if (!canary) continue;
      const blocked = block && preventable;
      const key = `${url.host}|${canary.field}|${canary.encoding}|${blocked}`;
      if (!reported.has(key)) {
        reported.add(key);
        const leak = { canary, host: url.hostname, url: url.origin + url.pathname, kind, blocked };
        const at = Date.now();
        const incident = toIncident(leak, options, at);
        incidents.push(incident);
        console.error(`[samtycke] form data ("${canary.field}", ${canary.encoding}) was ${blocked ? 'about to be sent' : 'sent'} to ${url.hostname}; incident ${incident.id}`);
        document.dispatchEvent(new CustomEvent('samtycke:leak', { detail: incident }));
        const page = pageUrl();
        const context = { id: incident.id, at, page: page.origin + page.pathname, operatorType: options.operatorType ?? 'other', consent: options.consent, owner: options.ownerOf?.(leak.host) };
        try {
          options.deliver?.(toLeakReport(leak, context));
        } catch (error) {
          // Reporting must never decide whether the request is stopped.
          console.error('[samtycke] the leak report could not be queued', error);
        }
      }
      return blocked;
    }
    return false;
  }

  /** A request about to leave: `true` stops it. The sentinel never breaks a request by failing itself. */
  const check = (address: unknown, body: unknown, kind: RequestKind, preventable = true): boolean => {
    if (address === undefined || address === null) return false;
    try {
      return inspect(String(address instanceof Request ? address.url : address), bodyText(body), kind, preventable);
    } catch {
      return false;
    }
  };
  inspectNetwork((url, kind, body) => (kind === 'fetch' || kind === 'xhr' || kind === 'beacon') && check(url, body, kind));
  inspectElementUrls((element, name, url) => {
    const kind = ELEMENT_KINDS[element.tagName];
    return kind !== undefined && name === 'src' && check(url, '', kind);
  });
  if (typeof PerformanceObserver === 'function') {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) check(entry.name, '', 'resource', false);
    }).observe({ type: 'resource', buffered: false });
  }

  running = { incidents: () => incidents, track };
  return running;
}


/**
 * What a request body says, as text; Blobs and streams cannot be read
 * synchronously (a documented limit). Read by its kind, not `instanceof`: a
 * body made in a frame comes from another realm's `FormData`.
 */
function bodyText(body: unknown): string {
  if (body === undefined || body === null) return '';
  if (typeof body === 'string') return body;
  const kind = Object.prototype.toString.call(body);
  if (kind === '[object URLSearchParams]') return String(body);
  if (kind === '[object FormData]') return [...(body as FormData).entries()].map(([key, value]) => `${key}=${typeof value === 'string' ? value : ''}`).join('&');
  if (kind === '[object ArrayBuffer]' || ArrayBuffer.isView(body)) return new TextDecoder().decode(body as ArrayBuffer);
  return '';
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}
