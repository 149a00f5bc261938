/**
 * One set of wrappers around every way a page makes a request, with a list
 * of inspectors behind them: the gates (which block by host) and the leak
 * sentinel (which blocks or reports by content) each add theirs. The
 * wrappers are installed the first time an inspector is added. A bundle that
 * loads later (the script tag's sentinel chunk) is handed these functions
 * rather than wrapping the page a second time.
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

/** The attributes that make an element fetch, in the order they are restored. */
export const URL_ATTRIBUTES = ['srcset', 'src', 'href', 'poster'];

/** How a module adds its inspectors: these functions, or the same handed over by the bundle that installed them. */
export interface RequestHooks {
  inspectNetwork(inspector: NetworkInspector): void;
  inspectElementUrls(inspector: ElementUrlInspector): void;
}

const network: NetworkInspector[] = [];
const elementUrls: ElementUrlInspector[] = [];
/** `Element.prototype.setAttribute` before it was wrapped; set once the wrappers are in. */
let setAttribute: Element['setAttribute'] | undefined;

function install(): void {
  if (setAttribute) return;
  setAttribute = Element.prototype.setAttribute;
  wrapNetwork((url, kind, body) => network.some((inspect) => inspect(url, kind, body)));
  wrapElementUrls((element, name, url) => elementUrls.some((inspect) => inspect(element, name, url)));
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

/** Sets an attribute past every inspector (to activate what was granted, or loaded once). */
export function setAttributeUninspected(element: Element, name: string, value: string): void {
  install();
  setAttribute!.call(element, name, value);
}

function wrapNetwork(stops: NetworkInspector): void {
  const w = window;
  const fetch = w.fetch;
  w.fetch = (...args: Parameters<typeof fetch>) =>
    stops(args[0] instanceof Request ? args[0].url : args[0], 'fetch', args[1]?.body) ? Promise.reject(new TypeError('blocked by samtycke')) : fetch.apply(w, args);

  const xhr = XMLHttpRequest.prototype;
  const open = xhr.open;
  const send = xhr.send;
  const urls = new WeakMap<XMLHttpRequest, unknown>();
  xhr.open = function (this: XMLHttpRequest, ...args: unknown[]) {
    urls.set(this, args[1]);
    return (open as (...a: unknown[]) => void).apply(this, args);
  };
  xhr.send = function (this: XMLHttpRequest, body) {
    if (!stops(urls.get(this), 'xhr', body)) return send.call(this, body);
    queueMicrotask(() => ['error', 'loadend'].forEach((type) => this.dispatchEvent(new ProgressEvent(type))));
  };

  const beacon = Navigator.prototype.sendBeacon;
  Navigator.prototype.sendBeacon = function (this: Navigator, url, data) {
    return !stops(url, 'beacon', data) && beacon.call(this, url, data);
  };

  for (const [name, kind] of [
    ['WebSocket', 'websocket'],
    ['EventSource', 'eventsource'],
  ] as const) {
    w[name] = new Proxy<typeof WebSocket & typeof EventSource>(w[name] as never, {
      construct(target, args, newTarget) {
        if (stops(args[0], kind, undefined)) throw new DOMException('blocked by samtycke', 'SecurityError');
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
 * an inserted script is fetched synchronously on insertion.
 */
function wrapElementUrls(keeps: ElementUrlInspector): void {
  const properties: [{ prototype: object }, string][] = [
    [HTMLScriptElement, 'src'],
    [HTMLIFrameElement, 'src'],
    [HTMLImageElement, 'src'],
    [HTMLImageElement, 'srcset'],
    [HTMLMediaElement, 'src'],
    [HTMLVideoElement, 'poster'],
    [HTMLSourceElement, 'src'],
    [HTMLSourceElement, 'srcset'],
    [HTMLLinkElement, 'href'],
  ];
  for (const [{ prototype }, name] of properties) {
    const descriptor = Object.getOwnPropertyDescriptor(prototype, name)!;
    Object.defineProperty(prototype, name, {
      ...descriptor,
      set(this: Element, value: unknown) {
        if (!keeps(this, name, String(value))) descriptor.set!.call(this, value);
      },
    });
  }
  const element = Element.prototype;
  const { setAttribute, setAttributeNS } = element;
  const kept = (target: Element, name: string, value: unknown) => URL_ATTRIBUTES.includes(name) && keeps(target, name, String(value));
  // HTML lowercases names given to setAttribute; setAttributeNS(null, …) keeps them as given ("SRC" is not `src`).
  element.setAttribute = function (this: Element, name: string, value: string) {
    if (name.length > 6 || !kept(this, name.toLowerCase(), value)) setAttribute.call(this, name, value);
  };
  element.setAttributeNS = function (this: Element, namespace: string | null, name: string, value: string) {
    if (namespace || name.length > 6 || !kept(this, name, value)) setAttributeNS.call(this, namespace, name, value);
  };
  // `new Audio(url)` sets its URL without the `src` setter: through it instead, after `preload`, as the constructor does.
  window.Audio = new Proxy(window.Audio, {
    construct(target, args, newTarget) {
      const audio = Reflect.construct(target, [], newTarget) as HTMLAudioElement;
      if (args[0] !== undefined) audio.src = args[0] as string;
      return audio;
    },
  });
}
