/**
 * Opens the preferences, a chunk of their own: the first layer does not pay
 * for the second. `revealServicesNext()` asks that the next opening shows
 * every service list expanded (the banner's "See the list of third parties").
 */
import type { Consent } from '../consent/contract.js';

let revealServices = false;

/** The next time the preferences open, every service list starts expanded. */
export function revealServicesNext(): void {
  revealServices = true;
}

/** Loads the preferences element once, then shows it for `consent`; showing what is open changes nothing. */
export async function openPreferences(consent: Consent): Promise<void> {
  const { SamtyckePreferences } = await import('./preferences.js');
  if (!customElements.get('samtycke-preferences')) customElements.define('samtycke-preferences', SamtyckePreferences);
  let preferences = document.querySelector('samtycke-preferences');
  if (!preferences) {
    preferences = document.createElement('samtycke-preferences');
    document.body.append(preferences);
  }
  preferences.consent = consent;
  preferences.show();
  if (revealServices) preferences.revealServices();
  revealServices = false;
}
