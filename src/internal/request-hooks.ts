/**
 * One set of wrappers around every way a page makes a request, with a list
 * of inspectors behind them: the gates (which block by host) and the leak
 * sentinel (which blocks or reports by content) each add theirs. The
 * wrappers are installed the first time an inspector is added. A bundle that
 * loads later (the script tag's sentinel chunk) is handed these functions
 * rather than wrapping the page a second time.
 *
 * Every same-origin realm the page can script gets the same wrappers, in
 * front of the same inspectors: a child frame's window (`srcdoc`,
 * `about:blank`, `blob:`, a document written by script) is as good a way
 * out as the page's own, and a fresh one is the trick trackers use to
 * escape patched globals. A realm is wrapped the moment the page could first
 * use it: when its frame fires its first `load` (synchronous for an
 * `about:blank` frame as it is inserted), when code reads `contentWindow` or
 * `contentDocument`, when `window.open()` returns it, and when the gates'
 * observer sees its frame, or the first statement of a document the gates
 * rewrote asks for it (see `FRAME_HOOK` in gates/frame-gate.ts).
 *
 * A stopped request fails the way a network error does, so tracker code
 * takes its error path instead of throwing somewhere unexpected; nothing is
 * sent, and nothing is replayed later.
 */

/** A request code makes without an element. */
export type NetworkKind = 'fetch' | 'xhr' | 'beacon' | 'websocket' | 'eventsource';

/** Looks at a request before it leaves; returns true to stop it. `body` is what the call was given, if anything. */
export type NetworkInspector = (url: unknown, kind: NetworkKind, body: unknown) => boolean;

/**
 * Looks at a URL about to be set on an element (`src`, `srcset`, `href`,
 * `poster`, through the property or `setAttribute`); returns true when it
 * kept the URL back, and the element then never gets it.
 */
export type ElementUrlInspector = (element: Element, name: string, url: string) => boolean;

/**
 * Looks at markup about to become a document (an iframe's `srcdoc`, `whole`
 * true) or part of one (`document.write`, `whole` false) before the parser
 * fetches from it, and returns what to use instead: the same value when
 * nothing needs to change, `undefined` to set no `srcdoc` now. `markup` is a
 * string or a TrustedHTML; `node` is the iframe or the document written to.
 */
export type MarkupInspector = (markup: unknown, node: Node, whole: boolean) => unknown;

/**
 * Looks at a node (an element, or a fragment) about to be put into a
 * connected document by a DOM method (`appendChild`, `insertBefore`,
 * `append`, `before`, …): its frames navigate, and a script of a fragment
 * made from markup runs, as it is inserted, before an observer hears of it.
 */
export type InsertionInspector = (node: Node) => void;

/** Told of each document of another realm (a frame, a popup) the first time it is reached; the page's own document is not among them. */
export type DocumentInspector = (document: Document) => void;

/** The attributes that make an element fetch, in the order they are restored. */
export const URL_ATTRIBUTES = ['srcset', 'src', 'href', 'poster'];

/** Where every wrapped window keeps `reachRealm`, for a document of a frame it contains to ask for its own realm. */
export const REACH = Symbol.for('samtycke.frame');

/** How a module adds its inspectors: these functions, or the same handed over by the bundle that installed them. */
export interface RequestHooks {
  inspectNetwork(inspector: NetworkInspector): void;
  inspectElementUrls(inspector: ElementUrlInspector): void;
}

type Realm = Window & typeof globalThis;

const network: NetworkInspector[] = [];
const elementUrls: ElementUrlInspector[] = [];
const markups: MarkupInspector[] = [];
const insertions: InsertionInspector[] = [];
const documents: DocumentInspector[] = [];
/** `Element.prototype.setAttribute` before it was wrapped; set once the wrappers are in. */
let setAttribute: Element['setAttribute'] | undefined;
/** The realms wrapped so far, by their own `Element` (a navigation keeps the WindowProxy but may bring a new realm). */
const wrapped = new WeakSet<object>();
const reached = new WeakSet<Document>();

function install(): void {
  if (setAttribute) return;
  setAttribute = Element.prototype.setAttribute;
  reachRealm(window);
}

/** Adds an inspector for fetch, XHR, sendBeacon, WebSocket and EventSource; inspectors run in the order added. */
export function inspectNetwork(inspector: NetworkInspector): void {
  install();
  network.push(inspector);
}

/** Adds an inspector for URLs set on elements that fetch; inspectors run in the order added. */
export function inspectElementUrls(inspector: ElementUrlInspector): void {
  install();
  elementUrls.push(inspector);
}

/** Adds an inspector for `srcdoc` and `document.write` markup; each gets what the one before returned. */
export function inspectMarkup(inspector: MarkupInspector): void {
  install();
  markups.push(inspector);
}

/** Adds an inspector for nodes about to be inserted into a connected document. */
export function inspectInsertions(inspector: InsertionInspector): void {
  install();
  insertions.push(inspector);
}

/** Adds an inspector told of each document of a same-origin frame or popup the page reaches from now on. */
export function inspectDocuments(inspector: DocumentInspector): void {
  install();
  documents.push(inspector);
}

/** Sets an attribute past every inspector (to activate what was granted, or loaded once). */
export function setAttributeUninspected(element: Element, name: string, value: unknown): void {
  install();
  setAttribute!.call(element, name, value as string);
}

/**
 * Wraps the realm of `win` once, if the page may script it (same origin),
 * and tells the document inspectors of its document the first time. A
 * cross-origin or closed window, or none, is left alone.
 */
export function reachRealm(win: Window | null | undefined): void {
  let reachedDocument: Document | undefined;
  try {
    reachedDocument = win?.document;
  } catch {
    return;
  }
  if (!reachedDocument) return;
  const realm = win as Realm;
  if (!wrapped.has(realm.Element)) {
    wrapped.add(realm.Element);
    wrapNetwork(realm, (url, kind, body) => network.some((inspect) => inspect(url, kind, body)));
    wrapElementUrls(realm, (element, name, url) => elementUrls.some((inspect) => inspect(element, name, url)));
    wrapFrames(realm);
    wrapInsertions(realm, (node) => {
      for (const inspect of insertions) inspect(node);
    });
  }
  if (reached.has(reachedDocument)) return;
  reached.add(reachedDocument);
  // A frame's `load` does not reach the window: listened for on each document, before the page's own listeners.
  reachedDocument.addEventListener('load', reachFrame, true);
  for (const inspect of documents) inspect(reachedDocument);
}

/** A frame that loaded: an `about:blank` one fires this as it is inserted, before the code that inserted it goes on. */
function reachFrame(event: Event): void {
  const target = event.target as HTMLIFrameElement;
  if (/^(I?FRAME|OBJECT)$/.test(target.tagName)) reachRealm(target.contentWindow);
}

const inspectedMarkup = (markup: unknown, node: Node, whole: boolean): unknown => markups.reduce((value, inspect) => inspect(value, node, whole), markup);

function wrapNetwork(w: Realm, stops: NetworkInspector): void {
  const fetch = w.fetch;
  const requestUrl = Object.getOwnPropertyDescriptor(Request.prototype, 'url')!.get!;
  // A Request of any realm (a frame's is not this one's `Request`) gives its URL; anything else is read as a string, as fetch reads it.
  const urlOf = (input: unknown): unknown => {
    try {
      return requestUrl.call(input);
    } catch {
      return input;
    }
  };
  w.fetch = (...args: Parameters<typeof fetch>) =>
    stops(typeof args[0] === 'object' ? urlOf(args[0]) : args[0], 'fetch', args[1]?.body) ? w.Promise.reject(new w.TypeError('blocked by samtycke')) : fetch.apply(w, args);

  const xhr = w.XMLHttpRequest.prototype;
  const open = xhr.open;
  const send = xhr.send;
  const urls = new WeakMap<XMLHttpRequest, unknown>();
  xhr.open = function (this: XMLHttpRequest, ...args: unknown[]) {
    urls.set(this, args[1]);
    return (open as (...a: unknown[]) => void).apply(this, args);
  };
  xhr.send = function (this: XMLHttpRequest, body) {
    if (!stops(urls.get(this), 'xhr', body)) return send.call(this, body);
    queueMicrotask(() => ['error', 'loadend'].forEach((type) => this.dispatchEvent(new w.ProgressEvent(type))));
  };

  // fetchLater (Chromium): sent as the page goes away, like a beacon; held back, it is never activated.
  const later = (w as { fetchLater?: (...args: unknown[]) => unknown }).fetchLater;
  if (later) {
    (w as { fetchLater?: unknown }).fetchLater = (...args: unknown[]) =>
      stops(typeof args[0] === 'object' ? urlOf(args[0]) : args[0], 'beacon', (args[1] as RequestInit | undefined)?.body) ? { activated: false } : later.apply(w, args);
  }

  const beacon = w.Navigator.prototype.sendBeacon;
  w.Navigator.prototype.sendBeacon = function (this: Navigator, url, data) {
    return !stops(url, 'beacon', data) && beacon.call(this, url, data);
  };

  for (const [name, kind] of [
    ['WebSocket', 'websocket'],
    ['EventSource', 'eventsource'],
  ] as const) {
    w[name] = new Proxy<typeof WebSocket & typeof EventSource>(w[name] as never, {
      construct(target, args, newTarget) {
        if (stops(args[0], kind, undefined)) throw new w.DOMException('blocked by samtycke', 'SecurityError');
        return Reflect.construct(target, args, newTarget) as object;
      },
    });
  }
}

/**
 * Wraps the `src`/`href`/`srcset`/`poster` setters and `setAttribute` /
 * `setAttributeNS` of the elements that fetch, so a tag created by code
 * (`s = createElement('script'); s.src = …`, `new Image().src = …`) is seen
 * before the browser fetches it. A MutationObserver alone would be too late:
 * an inserted script is fetched synchronously on insertion. An iframe's
 * `srcdoc` goes through the markup inspectors the same ways.
 */
function wrapElementUrls(w: Realm, keeps: ElementUrlInspector): void {
  const properties = [
    ['HTMLScriptElement', 'src'],
    ['HTMLIFrameElement', 'src'],
    ['HTMLIFrameElement', 'srcdoc'],
    ['HTMLFrameElement', 'src'],
    ['HTMLImageElement', 'src'],
    ['HTMLImageElement', 'srcset'],
    ['HTMLMediaElement', 'src'],
    ['HTMLVideoElement', 'poster'],
    ['HTMLSourceElement', 'src'],
    ['HTMLSourceElement', 'srcset'],
    ['HTMLLinkElement', 'href'],
  ] as const;
  for (const [type, name] of properties) {
    const { prototype } = w[type];
    const descriptor = Object.getOwnPropertyDescriptor(prototype, name)!;
    Object.defineProperty(prototype, name, {
      ...descriptor,
      set(this: Element, value: unknown) {
        const passed = name === 'srcdoc' ? inspectedMarkup(value, this, true) : keeps(this, name, String(value)) ? undefined : value;
        if (passed !== undefined) descriptor.set!.call(this, passed);
      },
    });
  }
  const element = w.Element.prototype;
  const { setAttribute, setAttributeNS } = element;
  /** The value to set, `undefined` to set none. */
  const passed = (target: Element, name: string, value: unknown) =>
    (name === 'srcdoc' && target.tagName === 'IFRAME' ? inspectedMarkup(value, target, true) : URL_ATTRIBUTES.includes(name) && keeps(target, name, String(value)) ? undefined : value) as string;
  // HTML lowercases names given to setAttribute; setAttributeNS(null, …) keeps them as given ("SRC" is not `src`).
  element.setAttribute = function (this: Element, name: string, value: string) {
    const next = name.length > 6 ? value : passed(this, name.toLowerCase(), value);
    if (next !== undefined) setAttribute.call(this, name, next);
  };
  element.setAttributeNS = function (this: Element, namespace: string | null, name: string, value: string) {
    // No namespace, or XLink's (SVG's legacy `xlink:href`, any prefix, fetches like `href`); other namespaces never fetch.
    const local = namespace ? /xlink$/.test(namespace) && name.replace(/^.*:/, '') : name;
    const next = !local || local.length > 6 ? value : passed(this, local, value);
    if (next !== undefined) setAttributeNS.call(this, namespace, name, next);
  };
  // `new Audio(url)` sets its URL without the `src` setter: through it instead, after `preload`, as the constructor does.
  w.Audio = new Proxy(w.Audio, {
    construct(target, args, newTarget) {
      const audio = Reflect.construct(target, [], newTarget) as HTMLAudioElement;
      if (args[0] !== undefined) audio.src = args[0] as string;
      return audio;
    },
  });
}

/**
 * Wraps the DOM methods that put nodes into a document, so a subtree built
 * apart from the page (a framework's clone of a parsed template, a fragment
 * made from a markup string) is looked at before it is connected. Only
 * insertions into a connected document are looked at; an inspector that
 * throws is reported and never stops the insertion (the observer still sees
 * the node).
 */
function wrapInsertions(w: Realm, look: InsertionInspector): void {
  for (const prototype of [w.Node.prototype, w.Element.prototype, w.CharacterData.prototype, w.DocumentFragment.prototype] as unknown as Record<string, (...args: unknown[]) => unknown>[]) {
    for (const name of ['appendChild', 'insertBefore', 'replaceChild', 'append', 'prepend', 'before', 'after', 'replaceWith', 'replaceChildren', 'insertAdjacentElement']) {
      const insert = prototype[name];
      if (!Object.hasOwn(prototype, name) || !insert) continue;
      prototype[name] = function (this: Node, ...args: unknown[]) {
        // Strings (text, `insertAdjacentElement`'s position) are no nodes; a node may be of another realm.
        if (this.isConnected) {
          for (const arg of args) {
            try {
              if (arg && typeof arg === 'object') look(arg as Node);
            } catch (error) {
              reportError(error);
            }
          }
        }
        return insert.apply(this, args);
      };
    }
  }
}

/**
 * The ways to another realm from this one: a frame's `contentWindow` and
 * `contentDocument`, `window.open()`, and `document.write` (its markup
 * passes the markup inspectors).
 */
function wrapFrames(w: Realm): void {
  for (const type of ['HTMLIFrameElement', 'HTMLFrameElement', 'HTMLObjectElement'] as const) {
    for (const name of ['contentWindow', 'contentDocument'] as const) {
      const { prototype } = w[type];
      const descriptor = Object.getOwnPropertyDescriptor(prototype, name)!;
      Object.defineProperty(prototype, name, {
        ...descriptor,
        get(this: Element) {
          const value = descriptor.get!.call(this) as (Window & Document) | null;
          reachRealm(name === 'contentWindow' ? value : value?.defaultView);
          return value;
        },
      });
    }
  }
  const open = w.open;
  w.open = function (this: Window, ...args: Parameters<typeof open>) {
    const opened = open.apply(this, args);
    reachRealm(opened);
    return opened;
  };
  const documentPrototype = w.Document.prototype;
  for (const name of ['write', 'writeln'] as const) {
    const write = documentPrototype[name] as (...markup: unknown[]) => void;
    documentPrototype[name] = function (this: Document, ...markup: unknown[]) {
      reachRealm(this.defaultView);
      const given = markup.length === 1 ? markup[0] : markup.join('');
      const written = inspectedMarkup(given, this, false);
      write.apply(this, written === given ? markup : [written]);
    };
  }
  Object.defineProperty(w, REACH, { value: reachRealm });
}
