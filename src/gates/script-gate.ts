let order: Promise<unknown> = Promise.resolve();
const queued = new WeakSet<Element>();
let parsed: Promise<unknown> | undefined;
/** Resolves once the document is parsed; made on first use, so importing this module needs no DOM (server rendering). */
const documentParsed = (): Promise<unknown> =>
  (parsed ??= new Promise((resolve) => {
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', resolve, { once: true });
    else resolve(undefined);
  }));

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
        if (!/^(type|data-src|data-type)$/.test(name)) script.setAttribute(name, value);
      }
      const type = inert.getAttribute('data-type');
      if (type) script.type = type;
      script.nonce = inert.nonce;
      if (src) {
        script.async = inert.hasAttribute('async');
        script.addEventListener('load', resolve);
        script.addEventListener('error', resolve);
        // Through the gates again: a URL whose host belongs to a service still refused stays held back.
        script.src = src;
        if (!script.hasAttribute('src')) resolve(undefined);
      } else {
        script.text = inert.text;
      }
      inert.replaceWith(script);
      if (!src || script.async) resolve(undefined);
    });
  if (src && inert.hasAttribute('async')) void run();
  else order = order.then(src && !inert.hasAttribute('defer') ? run : () => documentParsed().then(run));
}
