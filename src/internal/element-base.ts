/**
 * `HTMLElement`, or an empty class where there is none (a server rendering
 * the page), so the modules that define elements can be imported without a
 * DOM; nothing is registered or rendered there.
 */
export const ElementBase = (typeof HTMLElement === 'undefined' ? class {} : HTMLElement) as typeof HTMLElement;
