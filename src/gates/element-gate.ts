/**
 * Turns a held-back element into a live one. Declarative markup
 * (`data-src`, `data-href`, `data-srcset`) and tags held back by the
 * network gate share one shape, so one function activates both.
 */

import type { BlockedKind } from './blocked-log.js';

/** The elements that fetch, and what a blocked request of each is called. */
export const KINDS: Readonly<Record<string, BlockedKind>> = { SCRIPT: 'script', IFRAME: 'iframe', IMG: 'img', LINK: 'link', VIDEO: 'media', AUDIO: 'media', SOURCE: 'media' };

/** Captured when the head script starts, before the network gate wraps it. */
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

/**
 * Sets the held-back URLs on `img`, `iframe`, `link`, `video`/`audio`/`source`,
 * or a script created by code, with `set`: the unwrapped `setAttribute`
 * ("Load once" loads what is not granted).
 */
export function activateElement(element: Element, set: Element['setAttribute']): void {
  for (const [from, to] of MOVES) {
    const value = element.getAttribute(from);
    if (value === null) continue;
    element.removeAttribute(from);
    set.call(element, to, value);
  }
  const media = element.tagName === 'SOURCE' ? element.parentElement : element;
  if (media instanceof HTMLMediaElement) {
    for (const source of media.querySelectorAll('source[data-src]')) activateElement(source, set);
    // A <source> gets its URL after insertion: the media element must select again.
    media.load();
  }
}
