/**
 * How the script tag brings in its UI: the chunk with the validator and the
 * layers (`samtycke-ui.js`) when a layer is asked for, the 1 KB settings
 * button (`samtycke-button.js`) once a decision exists, and the clicks on
 * `[data-samtycke="open"]` from the first moment.
 */
import type { Config } from '../config/config.js';
import type { Consent, ConsentView } from '../consent/contract.js';
import { wireOpeners } from '../ui/openers.js';
import { button as BUTTON_CHUNK, ui as UI_CHUNK } from './chunk-files.json';
import { importChunk, withDevBuild } from './chunk-url.js';

/** What the UI chunk exports to the head script (`ui-chunk.ts`). */
export interface UiChunk {
  validateConfig(input: unknown): Config;
  sendProofs(endpoint: string): Promise<void>;
}

/** Loads the UI chunk on request. */
export interface UiChunkLoader {
  /** The chunk, loaded once however often it is asked for; after a failure (a network error) the next call tries again. */
  load(): Promise<UiChunk>;
  /** Whether it has arrived. */
  readonly loaded: boolean;
}

/** A loader for the UI chunk next to `scriptSrc`; `ready` runs once it is in. */
export function createChunkLoader(scriptSrc: string, ready?: (chunk: UiChunk) => void): UiChunkLoader {
  let promise: Promise<UiChunk> | null = null;
  let loaded = false;
  let tries = 0;
  return {
    get loaded() {
      return loaded;
    },
    load() {
      // A failed module fetch is remembered by the browser for its URL: a retry asks with a new one.
      promise ??= importChunk<UiChunk>(withDevBuild(UI_CHUNK), scriptSrc, tries++ ? `?${tries}` : '').then(
        (chunk) => {
          loaded = true;
          ready?.(chunk);
          return chunk;
        },
        (error: unknown) => {
          promise = null;
          throw error;
        },
      );
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
export function showUiOnDemand(consent: Consent, chunk: UiChunkLoader, scriptSrc: string): void {
  mountSettingsButtonOnDemand(consent, scriptSrc);
  let requested: ConsentView | null = null;
  const want = (view: ConsentView): void => {
    if (chunk.loaded) return;
    const first = requested === null;
    requested = view;
    if (!first) return;
    chunk.load().then(
      () => (requested === 'banner' ? consent.showBanner() : consent.showPreferences()),
      (error: unknown) => {
        // The next request tries again.
        requested = null;
        console.error('[samtycke] the banner could not be loaded', error);
      },
    );
  };
  consent.on('show', want);
  // A stand-in consent object (its chunk failed to load) cannot ask: the click does.
  wireOpeners(() => (want('preferences'), consent));
}

/**
 * The floating settings button (R26) needs no UI chunk: once a decision
 * exists, a 1 KB chunk draws it.
 */
function mountSettingsButtonOnDemand(consent: Consent, scriptSrc: string): void {
  let loading = false;
  const mount = (): void => {
    if (loading || !consent.state.decided || consent.config.ui?.settingsButton === false) return;
    loading = true;
    importChunk<typeof import('./button-chunk.js')>(BUTTON_CHUNK, scriptSrc).then(
      (button) => button.mountSettingsButton(consent),
      (error: unknown) => console.error('[samtycke] the settings button could not be loaded', error),
    );
  };
  consent.on('change', mount);
  mount();
}
