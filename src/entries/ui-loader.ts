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

/** Loads the UI chunk if it is not loaded or on its way, then shows `view` (none: only loads it). See `uiLoader`. */
export type UiLoader = (view?: ConsentView) => void;

/**
 * Loads the UI chunk once and shows every view asked for before it arrived
 * (the banner, then the preferences); once loaded, the chunk answers the
 * consent object's requests itself. A chunk that fails to load is fetched
 * again on the next request. Called without a view, it loads it ahead of the
 * request: the head script does so as soon as it finds no stored decision,
 * so the banner's code arrives alongside the validator, or while the gates
 * start, rather than after.
 */
export function uiLoader(consent: Consent, scriptSrc: string): UiLoader {
  let loaded = false;
  let loading = false;
  const wanted = new Set<ConsentView>();
  return (view) => {
    if (loaded) return;
    if (view) wanted.add(view);
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
        // Fetched ahead of a request: the request fetches it again, and says so if that fails too.
        if (wanted.size) console.error('[samtycke] the banner could not be loaded', error);
      },
    );
  };
}

/**
 * Fetches the UI chunk (through `loader`) the first time the consent object
 * asks for a view, then asks again so the freshly defined elements render
 * it. A returning visitor with a current decision never downloads it. Shows
 * the settings button once a decision exists and wires every
 * `[data-samtycke="open"]` element as a way back to the settings (R26).
 */
export function showUiOnDemand(consent: Consent, scriptSrc: string, loader: UiLoader): void {
  // Its name in the visitor's language, the first time: from that language's placeholder texts, a few hundred bytes.
  if (WITH_SETTINGS_BUTTON) {
    mountSettingsButton(consent, (locale) =>
      importChunk<Readonly<Record<string, { settings?: string }>>>(`samtycke-gates-${locale}.js`, scriptSrc).then((texts) => Object.values(texts)[0]?.settings),
    );
  }
  consent.on('show', loader);
  // Before the config is validated the consent object cannot ask: the click does.
  wireOpeners(() => (loader('preferences'), consent));
}
