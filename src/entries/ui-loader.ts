/**
 * How the script tag brings in its UI: the floating settings button at once
 * (it is part of the head script), the layers (`samtycke-ui.js`) when one is
 * asked for, and the clicks on `[data-samtycke="open"]` from the first moment.
 */
import type { Consent, ConsentView } from '../consent/contract.js';
import { wireOpeners } from '../ui/openers.js';
import { mountSettingsButton } from '../ui/settings-button.js';
import { ui as UI_CHUNK } from './chunk-files.json';
import { importChunk, withDevBuild } from './chunk-url.js';
import { WITH_SETTINGS_BUTTON } from './head-features.js';

/**
 * Fetches the UI chunk the first time the consent object asks for a view,
 * then asks again so the freshly defined elements render it. A returning
 * visitor with a current decision never downloads it. Shows the settings
 * button once a decision exists and wires every `[data-samtycke="open"]`
 * element as a way back to the settings (R26). A chunk that fails to load is
 * fetched again on the next request.
 */
export function showUiOnDemand(consent: Consent, scriptSrc: string): void {
  // Its name in the visitor's language, the first time: from that language's placeholder texts, a few hundred bytes.
  if (WITH_SETTINGS_BUTTON) {
    mountSettingsButton(consent, (locale) =>
      importChunk<Readonly<Record<string, { settings?: string }>>>(`samtycke-gates-${locale}.js`, scriptSrc).then((texts) => Object.values(texts)[0]?.settings),
    );
  }
  let loaded = false;
  let loading = false;
  // Every view asked for before the chunk arrived is shown once it has: the banner, then the preferences.
  const wanted = new Set<ConsentView>();
  const want = (view: ConsentView): void => {
    if (loaded) return;
    wanted.add(view);
    if (loading) return;
    loading = true;
    // The same URL again after a failure: browsers no longer keep a failed module fetch (whatwg/html#10327),
    // and a new URL would load a second copy for the preferences chunk, which imports this one by name.
    importChunk(withDevBuild(UI_CHUNK), scriptSrc).then(
      () => {
        loaded = true;
        if (wanted.has('banner')) consent.showBanner();
        if (wanted.has('preferences')) consent.showPreferences();
      },
      (error: unknown) => {
        loading = false;
        console.error('[samtycke] the banner could not be loaded', error);
      },
    );
  };
  consent.on('show', want);
  // Before the config is validated the consent object cannot ask: the click does.
  wireOpeners(() => (want('preferences'), consent));
}
