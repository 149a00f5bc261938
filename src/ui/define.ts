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
import type { ConsentView } from '../events.js';
import { SamtyckeBanner } from './banner.js';
import { SamtyckePreferences } from './preferences.js';
import { SETTINGS_TAG, SamtyckeSettingsButton, mountSettingsButton } from './settings-button.js';

export { SamtyckeBanner, SamtyckePreferences, SamtyckeSettingsButton };

declare global {
  interface HTMLElementTagNameMap {
    'samtycke-banner': SamtyckeBanner;
    'samtycke-preferences': SamtyckePreferences;
    'samtycke-settings-button': SamtyckeSettingsButton;
  }
}

const ELEMENTS: [string, CustomElementConstructor][] = [
  ['samtycke-banner', SamtyckeBanner],
  ['samtycke-preferences', SamtyckePreferences],
  [SETTINGS_TAG, SamtyckeSettingsButton],
];
for (const [tag, element] of ELEMENTS) if (!customElements.get(tag)) customElements.define(tag, element);

/** Shared by every copy of this module on the page (two bundles must not show two banners). */
interface UiRegistry {
  consent: Consent | null;
  connected: WeakSet<Consent>;
}
const REGISTRY = Symbol.for('samtycke.ui');
type WithRegistry = Document & { [REGISTRY]?: UiRegistry };

function whenBody(run: () => void): void {
  if (document.body) run();
  else document.addEventListener('DOMContentLoaded', run, { once: true });
}

function element<K extends 'samtycke-banner' | 'samtycke-preferences'>(tag: K, place: (element: HTMLElement) => void): HTMLElementTagNameMap[K] {
  let found = document.querySelector(tag);
  if (!found) {
    found = document.createElement(tag);
    place(found);
  }
  return found;
}

/** Shows a layer for a consent object; showing what is already shown changes nothing. */
export function showView(consent: Consent, view: ConsentView): void {
  connectUi(consent);
  whenBody(() => {
    if (view === 'banner') {
      // First in the body: the first thing a keyboard or screen-reader user reaches.
      const banner = element('samtycke-banner', (el) => document.body.prepend(el));
      banner.consent = consent;
      banner.open = true;
    } else {
      const preferences = element('samtycke-preferences', (el) => document.body.append(el));
      preferences.consent = consent;
      preferences.show();
    }
  });
}

/**
 * Connects the UI to a consent object: the floating settings button once a
 * decision exists, and `[data-samtycke="open"]` elements. Layers a consent
 * object asks for connect it by themselves; call this for a returning visitor.
 */
export function connectUi(consent: Consent): void {
  const registry = (document as WithRegistry)[REGISTRY]!;
  registry.consent = consent;
  if (registry.connected.has(consent)) return;
  registry.connected.add(consent);
  mountSettingsButton(consent);
}

if (!(document as WithRegistry)[REGISTRY]) {
  (document as WithRegistry)[REGISTRY] = { consent: null, connected: new WeakSet() };
  document.addEventListener('samtycke:show', (event) => showView(event.detail.consent, event.detail.view));
  document.addEventListener('click', (event) => {
    const opener = (event.target as Element | null)?.closest?.('[data-samtycke="open"]');
    const consent = (document as WithRegistry)[REGISTRY]!.consent ?? window.samtycke;
    if (!opener || !consent) return;
    event.preventDefault();
    consent.showPreferences();
  });
}

declare global {
  interface Window {
    samtycke?: Consent;
  }
}
