import type { Consent } from './consent.js';
import type { Config } from './config.js';
import type { ConsentView } from './events.js';
import { mountSettingsButton } from './ui/settings-button.js';

declare const DEV_MODE: boolean | undefined;

/** File name of the lazily loaded chunk (validator + UI), next to the script-tag bundle. */
export const UI_CHUNK = typeof DEV_MODE !== 'undefined' && DEV_MODE ? 'samtycke-ui.dev.js' : 'samtycke-ui.js';

/** What the chunk exports to the head script. */
export interface UiChunk {
  validateConfig(input: unknown): Config;
  sendProofs(endpoint: string): Promise<void>;
}

/** Loads the chunk once, however often it is asked for. */
export function createChunkLoader(scriptSrc: string): { load(): Promise<UiChunk>; readonly loaded: boolean } {
  let promise: Promise<UiChunk> | null = null;
  let loaded = false;
  return {
    get loaded() {
      return loaded;
    },
    load() {
      promise ??= (import(/* @vite-ignore */ new URL(UI_CHUNK, scriptSrc).href) as Promise<UiChunk>).then((chunk) => {
        loaded = true;
        return chunk;
      });
      return promise;
    },
  };
}

/**
 * Fetches the chunk the first time the consent object asks for a view, then
 * asks again so the freshly defined elements render it. A returning visitor
 * with a current decision never downloads it. Also wires every element marked
 * `data-samtycke="open"` as a way back to the settings (R26).
 */
export function showUiOnDemand(consent: Consent, chunk: ReturnType<typeof createChunkLoader>): void {
  // The floating settings button needs no chunk: a returning visitor gets it for free (R26).
  mountSettingsButton(consent);
  let requested: ConsentView | null = null;
  consent.on('show', (view) => {
    if (chunk.loaded) return;
    const first = requested === null;
    requested = view;
    if (!first) return;
    chunk.load().then(
      () => (requested === 'banner' ? consent.showBanner() : consent.showPreferences()),
      (error: unknown) => console.error('[samtycke] the banner could not be loaded', error),
    );
  });
  document.addEventListener('click', (event) => {
    const opener = (event.target as Element | null)?.closest?.('[data-samtycke="open"]');
    if (!opener) return;
    event.preventDefault();
    consent.showPreferences();
  });
}
