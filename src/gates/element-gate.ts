/**
 * Turns a held-back element into a live one. Declarative markup
 * (`data-src`, `data-href`, `data-srcset`, `data-poster`) and tags held back by the
 * network gate share one shape, so one function activates both.
 */

import type { BlockedKind } from '../consent/contract.js';
import { URL_ATTRIBUTES } from '../internal/request-hooks.js';
import { trustedScriptUrl } from './trusted-types.js';

/**
 * The elements that fetch, by `tagName`, and what a blocked request of each is called. SVG
 * elements keep their case: an SVG `<script href>` runs code and an `<image href>` is a
 * pixel, like their HTML counterparts.
 */
export const KINDS: Readonly<Record<string, BlockedKind>> = {
  SCRIPT: 'script', IFRAME: 'iframe', FRAME: 'iframe', IMG: 'img', LINK: 'link', VIDEO: 'media', AUDIO: 'media', SOURCE: 'media',
  script: 'script', image: 'img',
};

/** A `<video>` or `<audio>`, from any realm (a frame's elements are not this window's `HTMLMediaElement`s). */
const isMedia = (element: Element | null): element is HTMLMediaElement => /^(VIDEO|AUDIO)$/.test(element?.tagName ?? '');

/**
 * The URLs a `srcset` can make the browser fetch: every whitespace-separated
 * word not starting with a comma. The browser's candidates are among them
 * (a URL runs to the next whitespace, commas inside it included); the
 * descriptors (`2x`, `100w`) read as relative URLs on this site.
 */
export const srcsetUrls = (value: string): string[] => value.match(/[^\s,]\S*/g) ?? [];

/** Whether an element is waiting for consent (has a held-back URL or is a `text/plain` script). */
export const isPending = (element: Element): boolean =>
  element.matches('[data-src],[data-href],[data-srcset],[data-poster],script[type="text/plain" i]') ||
  (isMedia(element) && element.querySelector('source[data-src]') !== null);

/**
 * Sets the held-back URLs on `img`, `iframe`, `link`, `video`/`audio`/`source`,
 * SVG `image`/`script`, or a script created by code, with `set`, which passes the gates
 * ("Load once" loads what is not granted).
 */
export function activateElement(element: Element, set: (element: Element, name: string, value: string) => void): void {
  for (const name of URL_ATTRIBUTES) {
    const value = element.getAttribute(`data-${name}`);
    if (value === null) continue;
    element.removeAttribute(`data-${name}`);
    // A script holds back only its script URL (an HTML script's `src`, an SVG script's `href`), a Trusted Types sink:
    // through samtycke's policy, for this one URL.
    set(element, name, element.localName === 'script' ? trustedScriptUrl(value) : value);
  }
  const media = element.tagName === 'SOURCE' ? element.parentElement : element;
  if (isMedia(media)) {
    for (const source of media.querySelectorAll('source[data-src]')) activateElement(source, set);
    // A <source> gets its URL after insertion: the media element must select again.
    media.load();
  }
}
