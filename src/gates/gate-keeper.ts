import type { Consent, ConsentState } from '../consent.js';
import { pushConsentDefault } from '../vendors/consent-mode.js';
import { createBlockedLog, type BlockedAttempt, type BlockedKind, type BlockedLog } from './blocked-log.js';
import { activateElement, isPending, setAttribute } from './element-gate.js';
import type * as GateExtras from './gate-extras.js';
import { gateElementUrls, gateNetwork } from './network-gate.js';
import { readGateRules, serviceForHost, type GateService } from './rules.js';

export interface GatesOptions {
  /**
   * The config to read hosts, cookies and storage keys from; `consent.config`
   * by default. The script-tag bundle passes the raw JSON before it is
   * validated: the gates only ever block from it.
   */
  config?: unknown;
  /** Where blocked attempts are recorded; pass the same log to the consent object. */
  log?: BlockedLog;
}

export interface GateKeeperOptions extends GatesOptions {
  /** Loads `gate-extras.ts`: asked for the first time something is granted, decided or shown. */
  extras(): Promise<typeof GateExtras>;
}

export interface Gates {
  /** Every request held back so far. */
  blocked(): readonly BlockedAttempt[];
  /** Activates whatever the consent object now grants (after it was replaced, for example). */
  refresh(): void;
}

const KINDS: Record<string, BlockedKind> = { SCRIPT: 'script', IFRAME: 'iframe', IMG: 'img', LINK: 'link', VIDEO: 'media', AUDIO: 'media', SOURCE: 'media' };
const GATED = '[data-category],[data-service]';
const FETCHING = 'script,img,iframe,link,video,audio,source';
let started = false;

/**
 * Gates everything that could reach a service before it is granted:
 * declarative markup (`data-category` / `data-service`), tags added later by
 * code, and calls made straight from code (R02, R03). On revocation it erases
 * the services' cookies and storage, tells vendors, and reloads when scripts
 * or embeds of the revoked category already run (R28, R29).
 *
 * Blocking is all here and synchronous; what only follows a grant or a
 * decision comes from `options.extras()`, in the order it was asked for.
 * `startGates()` is the public way in.
 */
export function startGateKeeper(consent: Consent, options: GateKeeperOptions): Gates {
  const config = options.config ?? consent.config;
  const rules = readGateRules(config);
  const log = options.log ?? createBlockedLog();
  const mode = rules.consentMode;
  /** Categories whose scripts ran or embeds loaded: they cannot be unloaded, so revoking them reloads. */
  const ran = new Set<string>();
  /** Gated iframes with a placeholder (null while it is being drawn). */
  const placeholders = new WeakMap<Element, HTMLElement | null>();
  const logged = new WeakSet<Element>();
  let previous: Readonly<Record<string, boolean>> | null = null;
  let loading: Promise<typeof GateExtras> | undefined;
  /** One promise for every caller, so their callbacks run in the order they asked. */
  const extras = (): Promise<typeof GateExtras> => {
    loading ??= options.extras();
    loading.catch(reportError);
    return loading;
  };

  function parse(value: unknown): URL | null {
    const text = String(value);
    // Relative, data: and blob: URLs stay on this site: no need to parse them.
    if (!/^(https?:|wss?:)?\/\//i.test(text)) return null;
    try {
      return new URL(text, document.baseURI);
    } catch {
      return null;
    }
  }

  /** The not-granted service a request to `value` would reach; the attempt is recorded. */
  function denied(value: unknown, kind: BlockedKind): GateService | undefined {
    const url = parse(value);
    const service = url && serviceForHost(rules, url.hostname);
    if (!url || !service) return undefined;
    if (consent.has(service.id)) {
      if (kind === 'script') ran.add(service.category);
      return undefined;
    }
    log.add({ at: Date.now(), host: url.hostname, url: url.origin + url.pathname, service: service.id, category: service.category, kind });
    return service;
  }

  /** Keeps `url` back from an element that would fetch it: it waits in `data-src` / `data-href`. */
  function neutralise(element: Element, url: string): boolean {
    let kind = KINDS[element.tagName];
    if (!kind) return false;
    if (kind === 'img' && !element.isConnected) kind = 'image';
    const service = denied(url, kind);
    if (!service) return false;
    setAttribute.call(element, kind === 'link' ? 'data-href' : 'data-src', url);
    setAttribute.call(element, 'data-service', service.id);
    logged.add(element);
    return true;
  }

  /** A tag that arrived with its URL already set (parsed markup, `innerHTML`). */
  function holdBack(element: Element): boolean {
    const name = element.tagName === 'LINK' ? 'href' : 'src';
    const url = element.getAttribute(name);
    if (!url || !neutralise(element, url)) return false;
    element.removeAttribute(name);
    // An inserted iframe may already be navigating: send it nowhere instead.
    if (element.tagName === 'IFRAME') setAttribute.call(element, 'src', 'about:blank');
    if (element.tagName === 'SCRIPT') {
      const type = element.getAttribute('type');
      if (type) setAttribute.call(element, 'data-type', type);
      (element as HTMLScriptElement).type = 'text/plain';
    }
    return true;
  }

  function activate(element: Element, id: string): void {
    placeholders.get(element)?.remove();
    if (placeholders.delete(element)) (element as HTMLElement).hidden = false;
    // Scripts and embeds keep running once loaded: revoking their category reloads the page.
    if (/^(SCRIPT|IFRAME)$/.test(element.tagName)) ran.add(rules.services.find((service) => service.id === id)?.category ?? id);
    if (element.tagName === 'SCRIPT' && (element as HTMLScriptElement).type === 'text/plain') void extras().then((module) => module.activateScript(element as HTMLScriptElement));
    else activateElement(element);
  }

  function addPlaceholder(frame: HTMLIFrameElement, id: string): void {
    placeholders.set(frame, null);
    void extras().then((module) => {
      // Granted (or loaded once) while the module was on its way.
      if (!placeholders.has(frame)) return;
      placeholders.set(
        frame,
        module.createPlaceholder(frame, { id, host: parse(frame.getAttribute('data-src'))?.hostname ?? '', config }, {
          loadOnce: () => activate(frame, id),
          alwaysAllow: (category) => consent.set({ [category]: true }, { layer: 'placeholder', action: 'embed', control: 'always-allow' }),
        }),
      );
      frame.hidden = true;
    });
  }

  function gate(element: Element): void {
    if (!isPending(element) && !(KINDS[element.tagName] && holdBack(element))) return;
    const holder = element.tagName === 'SOURCE' ? element.closest(GATED) : element;
    const id = holder?.getAttribute('data-service') ?? holder?.getAttribute('data-category');
    if (!id) return;
    if (consent.has(id)) return activate(element, id);
    // Listed once per element, so the site owner sees gated markup as well as calls from code.
    if (!logged.has(element)) {
      logged.add(element);
      denied(element.getAttribute('data-src') ?? element.getAttribute('data-href'), KINDS[element.tagName]!);
    }
    if (element.tagName === 'IFRAME' && !placeholders.has(element) && element.getAttribute('data-placeholder') !== 'none') addPlaceholder(element as HTMLIFrameElement, id);
  }

  function scan(): void {
    for (const element of document.querySelectorAll(GATED)) gate(element);
  }

  function apply(state: ConsentState): void {
    if (state.decided) {
      // Refused at the first decision seen, or granted before and refused now.
      const revoked = (category: string) => !state.choices[category] && (!previous || previous[category]);
      const services = rules.services.filter((service) => revoked(service.category));
      const reload = rules.reloadOnRevoke && [...ran].some(revoked);
      previous = state.choices;
      void extras().then((module) => {
        module.applyDecision(state.choices, services, mode);
        if (reload) location.reload();
      });
    }
    scan();
  }

  if (!started) {
    started = true;
    // Consent Mode's default must be in dataLayer before any Google tag runs.
    if (mode !== null) pushConsentDefault();
    gateNetwork((url, kind) => denied(url, kind) !== undefined);
    gateElementUrls((element, url) => {
      if (!neutralise(element, url)) return false;
      if (element.isConnected) gate(element);
      return true;
    });
    new MutationObserver((records) => {
      for (const record of records) {
        for (const node of record.addedNodes) {
          if (node.nodeType !== 1) continue;
          const element = node as Element;
          if (KINDS[element.tagName]) gate(element);
          if (element.firstElementChild) for (const inner of element.querySelectorAll(FETCHING)) gate(inner);
        }
      }
    }).observe(document.documentElement, { childList: true, subtree: true });
  }
  consent.on('change', apply);
  apply(consent.state);
  return { blocked: () => log.list(), refresh: scan };
}
