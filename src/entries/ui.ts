/**
 * The `samtycke/ui` entry: registers `<samtycke-banner>`,
 * `<samtycke-preferences>` and `<samtycke-settings-button>` once, shows
 * whichever layer a consent object asks for (`samtycke:show`), and makes
 * `[data-samtycke="open"]` elements open the settings.
 *
 * @example
 * import { createConsent } from 'samtycke';
 * import { connectUi } from 'samtycke/ui';
 * connectUi(createConsent(config)); // banner when undecided, settings button after
 */
import type { Consent } from '../consent/contract.js';
import { connectConsent, defineLayers, listenForShowRequests, onConnect, openerTarget } from '../ui/layers.js';
import { wireOpeners } from '../ui/openers.js';
import { defineSettingsButton, mountSettingsButton } from '../ui/settings-button.js';
import { shippedStrings } from '../ui/strings.js';

export { SamtyckeBanner } from '../ui/banner.js';
// A type only: the preferences are loaded when they are opened, so an app's first load does not carry them.
export type { SamtyckePreferences } from '../ui/preferences.js';
export { SamtyckeSettingsButton } from '../ui/settings-button.js';
export { showView } from '../ui/layers.js';

// On a server (rendering the page) there is nothing to register: the browser does it when the module loads there.
if (typeof window !== 'undefined') {
  defineLayers();
  defineSettingsButton();
  listenForShowRequests();
  onConnect((consent) => mountSettingsButton(consent, (locale) => shippedStrings(locale).then((strings) => strings.settings)));
  // The head script, when there is one, has wired these first.
  wireOpeners(openerTarget);
}

/**
 * Connects the UI to a consent object: the floating settings button once a
 * decision exists, and `[data-samtycke="open"]` elements. A consent object
 * that asks for a layer is connected by itself; call this for a returning
 * visitor, whose consent object never asks.
 * @example connectUi(consent);
 */
export function connectUi(consent: Consent): void {
  connectConsent(consent);
}
