import type { BlockedAttempt, BlockedKind, BlockedLog, Consent, ConsentState } from '../consent/contract.js';
import { createBlockedLog } from '../consent/blocked-log.js';
import { DEV, warn } from '../internal/dev.js';
import { inspectDocuments, inspectElementUrls, inspectInsertions, inspectMarkup, inspectNetwork, reachRealm, setAttributeUninspected, URL_ATTRIBUTES } from '../internal/request-hooks.js';
import { pushConsentDefault } from './consent-mode.js';
import { createDecisionEffects } from './decision-effects.js';
import { isPending, KINDS, srcsetUrls } from './element-gate.js';
import { createFrameKeeper } from './frame-keeper.js';
import type { GateActions, GateActionsModule, GateContext } from './gate-context.js';
import { readGateRules, serviceForHost, type GateService } from './rules.js';

/** Options of `startGates()`. */
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

/** Options of the blocking half: how to load the other. */
export interface GateKeeperOptions extends GatesOptions {
  /** Loads `gate-actions.ts`; asked for the first time a gated element shows up or a decision applies. */
  actions(): Promise<GateActionsModule>;
  /**
   * Whether the config is refused (missing, not JSON, or refused by the
   * validator); asked at each request. While it is, every request to an
   * origin other than the page's own is held back, the hosts of "strictly
   * necessary" services included: a config that breaks the schema cannot be
   * trusted to list its trackers (a mistyped key drops a category's hosts, a
   * tracker host may be claimed as necessary, R34), and nothing is ever
   * granted under it (R01, R02). Such attempts are listed with `service` and
   * `category` empty.
   */
  refused?(): boolean;
}

/** What `startGates()` returns. */
export interface Gates {
  /** Every request held back so far, oldest first. */
  blocked(): readonly BlockedAttempt[];
  /** Activates whatever the consent object now grants (after it was replaced, for example). */
  refresh(): void;
}

/** Stands for any host of a refused config: no service of it can be granted. */
const UNLISTED: GateService = { id: '', category: '', necessary: false, hosts: [], source: {} };

const FETCHING = 'script,img,iframe,frame,object,link,video,audio,source,image';
/** Elements with a browsing context of their own. */
const FRAMES = /^(I?FRAME|OBJECT)$/;
/** Elements the site marked for gating. */
const GATED = '[data-category],[data-service]';
/** Set on the window by the first gates of the page, whichever bundle (head script or npm) they come from. */
const STARTED = Symbol.for('samtycke.gates');

/**
 * The half of the gates that must run from the first moment: it blocks.
 * Requests from code, URLs set on elements and tags that arrive with a URL
 * to a gated host are held back before anything leaves (R02, R03), in the page
 * and in every same-origin frame it reaches (their realms are wrapped by the
 * request hooks, their documents observed here, their markup checked by
 * `frame-keeper.ts`), and each decision takes effect at once
 * (`decision-effects.ts`). What only follows a
 * gated element (activation in page order, placeholders) is in
 * `gate-actions.ts`, loaded on demand through `options.actions()`; its steps
 * run in the order they were asked for. `startGates()` is the public way in.
 */
export function startGateKeeper(consent: Consent, options: GateKeeperOptions): Gates {
  const config = options.config ?? consent.config;
  const rules = readGateRules(config);
  const log = options.log ?? createBlockedLog();
  const ran = new Set<string>();
  const logged = new WeakSet<Element>();
  /** The page's document, those of the same-origin frames reached so far, and shadow roots a gated element was put in. */
  const documents = new Set<Document | ShadowRoot>([document]);
  /** Set while markup is cleaned: its tags are listed once they are in their own document, not twice. */
  let quiet = false;
  /** Set while a subtree is looked at on its way into a document: its images are elements of the page, not made by code. */
  let inserting = false;
  let loading: Promise<GateActions> | undefined;

  function parse(value: unknown): URL | null {
    const text = String(value).trim();
    // data: and blob: URLs never leave the page: no need to parse them (images inlined by the thousand).
    if (/^(data|blob):/i.test(text)) return null;
    try {
      // As the browser reads it: surrounding whitespace dropped, tabs and newlines ignored, a backslash read as `/`.
      const url = new URL(text, document.baseURI);
      return /^(http|ws)s?:$/.test(url.protocol) ? url : null;
    } catch {
      return null;
    }
  }

  function denied(value: unknown, kind: BlockedKind): GateService | undefined {
    const url = parse(value);
    if (!url) return undefined;
    const refused = options.refused?.();
    const service = serviceForHost(rules, url.hostname) ?? (refused && url.origin !== self.origin ? UNLISTED : undefined);
    if (!service || (service.necessary && !refused)) return undefined;
    if (consent.has(service.id)) {
      // Code, embeds and media keep running once they load: revoking their category reloads the page.
      if (/^(script|iframe|media)$/.test(kind)) ran.add(service.category);
      return undefined;
    }
    if (!quiet) log.add({ at: Date.now(), host: url.hostname, url: url.origin + url.pathname, service: service.id, category: service.category, kind });
    return service;
  }

  const context: GateContext = {
    consent,
    rules,
    config,
    ran,
    logged,
    setAttribute: setAttributeUninspected,
    parse,
    denied,
    holdBack,
    holdBackQuietly,
    // A frame removed or navigated away leaves a document without a window, a removed host its shadow root: forgotten.
    documents: () => [...documents].filter((each) => (each as Document).defaultView || (each as ShadowRoot).host?.isConnected || !documents.delete(each)),
    // The head script's own, for the first script of a frame document samtycke rewrites.
    nonce: (document.currentScript as HTMLScriptElement | null)?.nonce || document.querySelector<HTMLScriptElement>('script[nonce]')?.nonce || '',
    clean: new Set(),
  };

  /** Runs `step` once the actions are there; one promise for all, so steps keep their order. */
  function later(step: (gates: GateActions) => unknown): void {
    loading ??= options.actions().then((module) => module.createGateActions(context));
    loading.then(step).catch(reportError);
  }

  /** Keeps `url` back from an element that would fetch it: it waits in `data-<name>` (`data-src`, `data-srcset`, …). */
  function neutralise(element: Element, name: string, url: string): boolean {
    let kind = KINDS[element.tagName];
    if (!kind) return false;
    if (kind === 'img' && !element.isConnected && !inserting) kind = 'image';
    // Every srcset candidate is a request of its own: each is checked (and listed).
    const service = (name === 'srcset' ? srcsetUrls(url) : [url]).map((each) => denied(each, kind)).find(Boolean);
    if (!service) return false;
    setAttributeUninspected(element, `data-${name}`, url);
    setAttributeUninspected(element, 'data-service', service.id);
    logged.add(element);
    return true;
  }

  /** A tag that arrived with its URL already set (parsed markup, `innerHTML`). */
  function holdBack(element: Element): boolean {
    let held = false;
    for (const name of URL_ATTRIBUTES) {
      const url = element.getAttribute(name);
      if (url === null || !neutralise(element, name, url)) continue;
      element.removeAttribute(name);
      held = true;
    }
    if (!held) return false;
    // An inserted iframe may already be navigating: send it nowhere instead.
    if (element.tagName === 'IFRAME') setAttributeUninspected(element, 'src', 'about:blank');
    if (element.tagName === 'SCRIPT') {
      const type = element.getAttribute('type');
      if (type) setAttributeUninspected(element, 'data-type', type);
      (element as HTMLScriptElement).type = 'text/plain';
    }
    return true;
  }

  /** A fetching element in the page or a frame's document: hold it back if needed; a gated one waits for the actions. */
  function handle(element: Element): void {
    if (FRAMES.test(element.tagName)) {
      frames.keep(element);
      reachRealm((element as HTMLIFrameElement).contentWindow);
    }
    // Held back first: a gated element can carry a live URL too (a `poster`, a `srcset`).
    if (holdBack(element) || (isPending(element) && element.closest(GATED))) {
      later((gates) => {
        // One put in a shadow root (by then) is found there again when a decision comes.
        const root = element.getRootNode() as ShadowRoot;
        if (root.host) documents.add(root);
        gates.gate(element);
      });
    }
  }

  /** The URLs of an element of markup being cleaned, held back without a log entry: it is listed once it is in its document. */
  function holdBackQuietly(element: Element): boolean {
    quiet = true;
    try {
      return holdBack(element);
    } finally {
      quiet = false;
    }
  }

  const frames = createFrameKeeper(holdBackQuietly, later, context.clean);
  /** A frame's empty document loaded while its own is checked: not an event of the page's. */
  const stopWaitingLoad = (event: Event) => frames.waiting(event.target) && event.stopImmediatePropagation();
  /** A node put in a document (an element, a fragment, text): its fetching elements handled. */
  function look(node: Node): void {
    const element = node as Element;
    if (KINDS[element.tagName] || FRAMES.test(element.tagName)) handle(element);
    if (element.firstElementChild) for (const inner of element.querySelectorAll(FETCHING)) handle(inner);
  }
  /** Nodes looked at on their way in by a DOM method: the observer, which hears of them next, leaves them be. */
  const lookedAt = new WeakSet<Node>();
  const observer = new MutationObserver((records) => {
    for (const record of records) for (const node of record.addedNodes) if (!lookedAt.delete(node)) look(node);
  });

  /** A document of a same-origin frame: observed like the page's, what it holds already handled. */
  function observe(frameDocument: Document): void {
    documents.add(frameDocument);
    observer.observe(frameDocument, { childList: true, subtree: true });
    frameDocument.addEventListener('load', stopWaitingLoad, true);
    for (const element of frameDocument.querySelectorAll(FETCHING)) handle(element);
  }

  const page = window as Window & { [STARTED]?: true };
  if (page[STARTED]) {
    warn('gates-twice', 'the gates were started twice on this page: the second start adds no blocking; start them once (the head script already does)');
  } else {
    page[STARTED] = true;
    if (DEV) {
      // A request that left before the gates started cannot be taken back: say which, so the order can be fixed.
      const early = performance.getEntriesByType('resource').find((entry) => {
        const service = serviceForHost(rules, parse(entry.name)?.hostname ?? '');
        return service && !service.necessary;
      });
      if (early) warn('late-gates', `${new URL(early.name).hostname} was contacted before the gates started: load samtycke.js first in <head>, before any script that may call a gated host`);
    }
    // Consent Mode's default must be in dataLayer before any Google tag runs.
    if (!rules.consentModeOff) pushConsentDefault();
    inspectNetwork((url, kind) => denied(url, kind) !== undefined);
    inspectElementUrls((element, name, url) => {
      if (name === 'src' && frames.keepBlob(element, url)) return true;
      if (!neutralise(element, name, url)) return false;
      if (element.isConnected) handle(element);
      return true;
    });
    inspectMarkup(frames.markup);
    // A subtree built apart (a template's clone, a parsed fragment) is held back before it is connected:
    // an iframe navigates, and a fragment's script runs, as it is inserted, before the observer hears of it.
    inspectInsertions((node) => {
      inserting = true;
      try {
        look(node);
        // Only once looked at in full: if that throws, the observer still looks.
        lookedAt.add(node);
      } finally {
        inserting = false;
      }
    });
    inspectDocuments(observe);
    observer.observe(document.documentElement, { childList: true, subtree: true });
    document.addEventListener('load', stopWaitingLoad, true);
  }
  const applyDecision = createDecisionEffects(rules, config, ran, {
    erase: (found) => later((gates) => gates.erase(found)),
    signalVendors: (types) => later((gates) => gates.signalVendors(types)),
  });
  /** A decision (or the stored one) takes effect here; gated elements wait for the on-demand half. */
  const settle = (state: ConsentState, atStart = false): void => {
    if (state.decided && !applyDecision(state, atStart)) return;
    if (context.documents().some((each) => each.querySelector(GATED))) later((gates) => gates.scan());
  };
  consent.on('change', (state) => settle(state));
  settle(consent.state, true);
  return { blocked: () => log.list(), refresh: () => later((gates) => gates.scan()) };
}
