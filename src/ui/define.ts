/**
 * The `samtycke/ui` entry: registers `<samtycke-banner>`,
 * `<samtycke-preferences>` and `<samtycke-settings-button>` once, and shows
 * whichever layer a consent object asks for (`samtycke:show`).
 *
 * @example
 * import { createConsent } from 'samtycke';
 * import { connectUi } from 'samtycke/ui';
 * connectUi(createConsent(config)); // banner when undecided, settings button after
 */
import type { Consent } from '../consent.js';
import { SamtyckeBanner } from './banner.js';
import { connectConsent, onConnect, openerTarget, showView } from './layers.js';
import { wireOpeners } from '../ui-loader.js';
import { SamtyckePreferences } from './preferences.js';
import { SETTINGS_TAG, SamtyckeSettingsButton, mountSettingsButton } from './settings-button.js';

export { SamtyckeBanner, SamtyckePreferences, SamtyckeSettingsButton, showView };

declare global {
  interface HTMLElementTagNameMap {
    'samtycke-settings-button': SamtyckeSettingsButton;
  }
}

if (!customElements.get(SETTINGS_TAG)) customElements.define(SETTINGS_TAG, SamtyckeSettingsButton);
onConnect(mountSettingsButton);
// The script-tag chunk leaves these to the head script, which wires them first.
wireOpeners(openerTarget);

/**
 * Connects the UI to a consent object: the floating settings button once a
 * decision exists, and `[data-samtycke="open"]` elements. A consent object
 * that asks for a layer is connected by itself; call this for a returning
 * visitor, whose consent object never asks.
 */
export function connectUi(consent: Consent): void {
  connectConsent(consent);
}
