/**
 * Turns a held-back element into a live one. Declarative markup
 * (`data-src`, `data-href`, `data-srcset`) and tags held back by the
 * network gate share one shape, so one function activates both.
 */

/** Captured before the network gate wraps it: activation and holding back must not be gated again. */
export const setAttribute = Element.prototype.setAttribute;

const MOVES: [string, string][] = [
  ['data-srcset', 'srcset'],
  ['data-src', 'src'],
  ['data-href', 'href'],
];

/** Whether an element is waiting for consent (has a held-back URL or is a `text/plain` script). */
export const isPending = (element: Element): boolean =>
  element.matches('[data-src],[data-href],[data-srcset],script[type="text/plain" i]') ||
  (element instanceof HTMLMediaElement && element.querySelector('source[data-src]') !== null);

/** Sets the held-back URLs on `img`, `iframe`, `link`, `video`/`audio`/`source`, or a script created by code. */
export function activateElement(element: Element): void {
  for (const [from, to] of MOVES) {
    const value = element.getAttribute(from);
    if (value === null) continue;
    element.removeAttribute(from);
    setAttribute.call(element, to, value);
  }
  const media = element.tagName === 'SOURCE' ? element.parentElement : element;
  if (media instanceof HTMLMediaElement) {
    for (const source of media.querySelectorAll('source[data-src]')) activateElement(source);
    // A <source> gets its URL after insertion: the media element must select again.
    media.load();
  }
}

let order: Promise<unknown> = Promise.resolve();
const queued = new WeakSet<Element>();
const parsed = new Promise((resolve) => {
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', resolve, { once: true });
  else resolve(undefined);
});

/**
 * Replaces a `<script type="text/plain">` by a real script, carrying every
 * attribute and the CSP nonce over. Scripts run in page order, external and
 * inline alike: each waits for the previous one to load. `async` ones run as
 * soon as they arrive; `defer` ones wait, in order, until the document is
 * parsed. So does an inline script found while the page is still parsing:
 * the parser may not have handed over all of its text yet.
 */
export function activateScript(inert: HTMLScriptElement): void {
  if (queued.has(inert)) return;
  queued.add(inert);
  const src = inert.getAttribute('data-src');
  const run = () =>
    new Promise<unknown>((resolve) => {
      if (!inert.isConnected) return resolve(undefined);
      const script = document.createElement('script');
      for (const { name, value } of inert.attributes) {
        if (!/^(type|data-src|data-type)$/.test(name)) setAttribute.call(script, name, value);
      }
      const type = inert.getAttribute('data-type');
      if (type) script.type = type;
      script.nonce = inert.nonce;
      if (src) {
        script.async = inert.hasAttribute('async');
        script.addEventListener('load', resolve);
        script.addEventListener('error', resolve);
        setAttribute.call(script, 'src', src);
      } else {
        script.text = inert.text;
      }
      inert.replaceWith(script);
      if (!src || script.async) resolve(undefined);
    });
  if (src && inert.hasAttribute('async')) void run();
  else order = order.then(src && !inert.hasAttribute('defer') ? run : () => parsed.then(run));
}
