import { trustedHtml, trustedScript, trustedScriptUrl } from './trusted-types.js';

let order: Promise<unknown> = Promise.resolve();
const queued = new WeakSet<Element>();
let parsed: Promise<unknown> | undefined;
/** Resolves once the document is parsed; made on first use, so importing this module needs no DOM (server rendering). */
const documentParsed = (): Promise<unknown> =>
  (parsed ??= new Promise((resolve) => {
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', resolve, { once: true });
    else resolve(undefined);
  }));

/** Scripts samtycke made run, and the scripts they wrote: their `document.write` goes in their place. */
const activated = new WeakSet<Element>();
/** The last node each of those scripts wrote, so the next write follows it. */
const lastWritten = new WeakMap<Element, Node>();
let writesShimmed = false;

/** Keeps back the URLs of an element of written markup; from the blocking half of the gates. */
type HoldBack = (element: Element) => boolean;

/**
 * A script made to run in page order, as if the parser had run it: every
 * attribute and the CSP nonce carried over, `document.currentScript` set
 * (it is a real script element in the inert one's place), `type` (module
 * or classic) restored from `data-type`, URL and text passed as trusted
 * values under Trusted Types.
 */
function runnable(inert: HTMLScriptElement, src: string | null): HTMLScriptElement {
  // Made by the inert one's document: a script in a frame runs in the frame.
  const script = inert.ownerDocument.createElement('script');
  for (const { name, value } of inert.attributes) {
    if (!/^(type|src|data-src|data-type)$/.test(name)) script.setAttribute(name, value);
  }
  const type = inert.getAttribute('data-type');
  if (type) script.type = type;
  script.nonce = inert.nonce;
  activated.add(script);
  if (src) script.src = trustedScriptUrl(src);
  else script.text = trustedScript(inert.text);
  return script;
}

/**
 * Replaces a `<script type="text/plain">` by a real script. Scripts run in
 * page order, external and inline alike: each waits for the previous one to
 * load. `async` ones run as soon as they arrive; `defer` ones wait, in order,
 * until the document is parsed. So does an inline script found while the
 * page is still parsing: the parser may not have handed over all of its text
 * yet. A legacy tag that calls `document.write` writes in its own place,
 * never over the page (see `shimDocumentWrite`).
 */
export function activateScript(inert: HTMLScriptElement, holdBack: HoldBack): void {
  if (queued.has(inert)) return;
  queued.add(inert);
  shimDocumentWrite(holdBack);
  const src = inert.getAttribute('data-src');
  const run = () =>
    new Promise<unknown>((resolve) => {
      if (!inert.isConnected) return resolve(undefined);
      // Through the gates again: a URL whose host belongs to a service still refused stays held back.
      const script = runnable(inert, src);
      if (src) {
        script.async = inert.hasAttribute('async');
        script.addEventListener('load', resolve);
        script.addEventListener('error', resolve);
        if (!script.hasAttribute('src')) resolve(undefined);
      }
      inert.replaceWith(script);
      if (!src || script.async) resolve(undefined);
    });
  if (src && inert.hasAttribute('async')) void run();
  else order = order.then(src && !inert.hasAttribute('defer') ? run : () => documentParsed().then(run));
}

/**
 * `document.write` from a script samtycke made run, or from one it wrote:
 * after the page has loaded the browser would replace the whole page with
 * the markup, and while it loads it would ignore it. Instead the markup goes
 * right after the writing script, after what it wrote before; its URLs pass
 * the gates like any other, and its scripts run in order. Any other
 * `document.write` is left as it is.
 */
function shimDocumentWrite(holdBack: HoldBack): void {
  if (writesShimmed) return;
  writesShimmed = true;
  const proto = Document.prototype;
  for (const [name, end] of [['write', ''], ['writeln', '\n']] as const) {
    const original = proto[name];
    proto[name] = function (this: Document, ...markup: string[]) {
      const writer = this.currentScript;
      if (!writer || !activated.has(writer) || !writer.parentNode) return original.apply(this, markup);
      const html = markup.join('') + end;
      // Parsed in an inert document: nothing fetches or runs before the gates have seen it.
      const written = new DOMParser().parseFromString(trustedHtml(html) as string, 'text/html');
      const nodes = [...written.head.childNodes, ...written.body.childNodes].map((node) => this.importNode(node, true));
      let after: Node = lastWritten.get(writer) ?? writer;
      for (const node of nodes) {
        for (const element of node instanceof Element ? [node, ...node.querySelectorAll('*')] : []) holdBack(element);
        const live = node instanceof HTMLScriptElement && node.type !== 'text/plain' ? runnable(node, node.getAttribute('src')) : node;
        if (live instanceof HTMLScriptElement && live.hasAttribute('src')) live.async = false;
        // Scripts inside written elements: parsed inert, so made runnable too.
        if (live instanceof Element) for (const inner of live.querySelectorAll('script:not([type="text/plain"])')) inner.replaceWith(runnable(inner as HTMLScriptElement, inner.getAttribute('src')));
        after.parentNode!.insertBefore(live, after.nextSibling);
        after = live;
      }
      lastWritten.set(writer, after);
    } as Document['write'];
  }
}
