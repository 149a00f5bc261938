import type { Consent } from '../consent/contract.js';

const SETTINGS = 'samtycke-settings-button';
const visible = (element: Element | null | undefined): element is HTMLElement => element instanceof HTMLElement && element.isConnected && element.checkVisibility?.() !== false;

/**
 * Focus after a layer closed and took the focused control with it (WCAG 2.4.3):
 * the way back to the settings, which is what the visitor just used. That is the
 * settings button, waited for when it is still on its way (the script tag loads
 * it after the decision); without one, the site's first `[data-samtycke="open"]`
 * element; without either, the start of the page, where the banner was.
 */
export function focusWayBack(consent: Consent): void {
  const button = (): HTMLElement | null | undefined => document.querySelector(SETTINGS)?.shadowRoot?.querySelector('button');
  const coming = consent.state.decided && (consent.config as { ui?: { settingsButton?: boolean } }).ui?.settingsButton !== false;
  const opener = document.querySelector('[data-samtycke="open"]');
  const start = (): void => {
    // A focused body sets the sequential focus starting point to the top of the page.
    const body = document.body;
    const own = body.hasAttribute('tabindex');
    if (!own) body.tabIndex = -1;
    body.focus({ preventScroll: true });
    if (!own) body.removeAttribute('tabindex');
  };
  if (visible(button())) return button()!.focus();
  if (!coming) return visible(opener) ? opener.focus() : start();
  start();
  customElements.whenDefined(SETTINGS).then(() => {
    // Unless the visitor went somewhere else meanwhile.
    if (document.activeElement === document.body) button()?.focus();
  });
}
