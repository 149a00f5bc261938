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
