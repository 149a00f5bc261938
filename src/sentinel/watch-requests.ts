import type { RequestKind } from './incident.js';

/**
 * Calls `inspect` for every request the page makes to another host, before
 * it is sent where the API allows it: fetch, XMLHttpRequest, sendBeacon, and
 * the `src` of images, scripts and frames. `inspect` returns true to stop the
 * request. Anything else (CSS, preloads) is seen afterwards through the
 * Resource Timing observer and can only be reported.
 */
export type Inspect = (url: string, body: string, kind: RequestKind, preventable: boolean) => boolean;

export function watchRequests(inspect: Inspect): void {
  const check = (url: unknown, body: unknown, kind: RequestKind, preventable = true): boolean => {
    if (url === undefined || url === null) return false;
    try {
      return inspect(String(url instanceof Request ? url.url : url), bodyText(body), kind, preventable);
    } catch {
      return false;
    }
  };

  const originalFetch = window.fetch;
  window.fetch = function (this: unknown, input: RequestInfo | URL, init?: RequestInit) {
    if (check(input, init?.body, 'fetch')) return Promise.reject(new TypeError('Blocked by samtycke: the request carried form data'));
    return originalFetch.call(this, input, init);
  } as typeof fetch;

  const xhr = XMLHttpRequest.prototype;
  const open = xhr.open;
  const send = xhr.send;
  const urls = new WeakMap<XMLHttpRequest, string | URL>();
  xhr.open = function (this: XMLHttpRequest, ...args: Parameters<typeof open>) {
    urls.set(this, args[1]);
    return open.apply(this, args);
  } as typeof open;
  xhr.send = function (this: XMLHttpRequest, body?: Document | XMLHttpRequestBodyInit | null) {
    if (check(urls.get(this), body, 'xhr')) {
      queueMicrotask(() => this.dispatchEvent(new ProgressEvent('error')));
      return;
    }
    return send.call(this, body);
  };

  if (navigator.sendBeacon) {
    const beacon = navigator.sendBeacon.bind(navigator);
    navigator.sendBeacon = (url, data) => (check(url, data, 'beacon') ? false : beacon(url, data));
  }

  for (const [type, kind] of [[HTMLImageElement, 'image'], [HTMLScriptElement, 'script'], [HTMLIFrameElement, 'iframe']] as const) {
    const descriptor = Object.getOwnPropertyDescriptor(type.prototype, 'src');
    if (!descriptor?.set) continue;
    Object.defineProperty(type.prototype, 'src', {
      ...descriptor,
      set(this: HTMLElement, value: string) {
        if (!check(new URL(value, document.baseURI).href, '', kind)) descriptor.set!.call(this, value);
      },
    });
  }

  if (typeof PerformanceObserver === 'function') {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) check(entry.name, '', 'resource', false);
    }).observe({ type: 'resource', buffered: false });
  }
}

function bodyText(body: unknown): string {
  if (body === undefined || body === null) return '';
  if (typeof body === 'string') return body;
  if (body instanceof URLSearchParams) return body.toString();
  if (body instanceof FormData) return [...body.entries()].map(([key, value]) => `${key}=${typeof value === 'string' ? value : ''}`).join('&');
  if (body instanceof ArrayBuffer || ArrayBuffer.isView(body)) return new TextDecoder().decode(body as ArrayBuffer);
  // Blobs and streams cannot be read synchronously: a documented limit.
  return '';
}
