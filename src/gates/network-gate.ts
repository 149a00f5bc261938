import type { BlockedKind } from './blocked-log.js';
import { URL_ATTRIBUTES } from './element-gate.js';

/** Returns true (and records the attempt) when a request to `url` must not leave. */
export type BlockCheck = (url: unknown, kind: BlockedKind) => boolean;

/**
 * Wraps the ways code sends data without an element: `fetch`, XHR,
 * `sendBeacon` and `WebSocket` (R03). A blocked call fails the way a network
 * error does, so tracker code takes its error path instead of throwing
 * somewhere unexpected; nothing is sent, and nothing is replayed later.
 */
export function gateNetwork(blocks: BlockCheck): void {
  const w = window;
  const fetch = w.fetch;
  w.fetch = (...args: Parameters<typeof fetch>) =>
    blocks(args[0] instanceof Request ? args[0].url : args[0], 'fetch') ? Promise.reject(new TypeError('blocked by samtycke')) : fetch.apply(w, args);

  const xhr = XMLHttpRequest.prototype;
  const open = xhr.open;
  const send = xhr.send;
  const urls = new WeakMap<XMLHttpRequest, unknown>();
  xhr.open = function (this: XMLHttpRequest, ...args: unknown[]) {
    urls.set(this, args[1]);
    return (open as (...a: unknown[]) => void).apply(this, args);
  };
  xhr.send = function (this: XMLHttpRequest, body) {
    if (!blocks(urls.get(this), 'xhr')) return send.call(this, body);
    queueMicrotask(() => ['error', 'loadend'].forEach((type) => this.dispatchEvent(new ProgressEvent(type))));
  };

  const beacon = Navigator.prototype.sendBeacon;
  Navigator.prototype.sendBeacon = function (this: Navigator, url, data) {
    return !blocks(url, 'beacon') && beacon.call(this, url, data);
  };

  for (const [name, kind] of [
    ['WebSocket', 'websocket'],
    ['EventSource', 'eventsource'],
  ] as const) {
    w[name] = new Proxy<typeof WebSocket & typeof EventSource>(w[name] as never, {
      construct(target, args, newTarget) {
        if (blocks(args[0], kind)) throw new DOMException('blocked by samtycke', 'SecurityError');
        return Reflect.construct(target, args, newTarget) as object;
      },
    });
  }
  // `new Audio(url)` sets its URL without the `src` setter: through it instead, after `preload`, as the constructor does.
  w.Audio = new Proxy(w.Audio, {
    construct(target, args, newTarget) {
      const audio = Reflect.construct(target, [], newTarget) as HTMLAudioElement;
      if (args[0] !== undefined) audio.src = args[0] as string;
      return audio;
    },
  });
}

/** What the element gate does with an element about to get a URL: true when it kept the URL back. */
export type Neutralise = (element: Element, name: string, url: string) => boolean;

const URL_PROPERTIES: [{ prototype: object }, string][] = [
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

/**
 * Wraps the `src`/`href`/`srcset`/`poster` setters and `setAttribute` /
 * `setAttributeNS` of the elements that fetch, so a tag created by code
 * (`s = createElement('script'); s.src = …`, `new Image().src = …`) is held
 * back before the browser fetches it. The MutationObserver alone would be
 * too late: an inserted script is fetched synchronously on insertion.
 */
export function gateElementUrls(neutralise: Neutralise): void {
  for (const [{ prototype }, name] of URL_PROPERTIES) {
    const descriptor = Object.getOwnPropertyDescriptor(prototype, name)!;
    Object.defineProperty(prototype, name, {
      ...descriptor,
      set(this: Element, value: unknown) {
        if (!neutralise(this, name, String(value))) descriptor.set!.call(this, value);
      },
    });
  }
  const element = Element.prototype;
  const { setAttribute, setAttributeNS } = element;
  const held = (target: Element, name: string, value: unknown) => URL_ATTRIBUTES.includes(name) && neutralise(target, name, String(value));
  // HTML lowercases names given to setAttribute; setAttributeNS(null, …) keeps them as given ("SRC" is not `src`).
  element.setAttribute = function (this: Element, name: string, value: string) {
    if (name.length > 6 || !held(this, name.toLowerCase(), value)) setAttribute.call(this, name, value);
  };
  element.setAttributeNS = function (this: Element, namespace: string | null, name: string, value: string) {
    if (namespace || name.length > 6 || !held(this, name, value)) setAttributeNS.call(this, namespace, name, value);
  };
}
