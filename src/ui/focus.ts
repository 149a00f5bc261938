/** The element that really has focus, looking inside shadow roots. */
export function deepActiveElement(): HTMLElement | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active instanceof HTMLElement ? active : null;
}

/** Focusable, visible controls inside a root, in tab order (they use no tabindex). */
export function focusables(root: ParentNode): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>('button:not([disabled]), a[href], summary, [tabindex="0"]')].filter((element) =>
    element.checkVisibility ? element.checkVisibility() : element.offsetParent !== null,
  );
}

/**
 * Whether a keydown is the Tab key, with or without Shift. WebKitGTK reports
 * Shift+Tab as `key: "Unidentified"` (GTK's ISO_Left_Tab has no key value
 * there) with `code: "Tab"`; every other engine says `key: "Tab"`.
 *
 * @example if (isTabKey(event) && event.shiftKey) last.focus();
 */
export function isTabKey(event: KeyboardEvent): boolean {
  return event.key === 'Tab' || (event.key === 'Unidentified' && event.code === 'Tab');
}
