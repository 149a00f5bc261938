import type { Consent } from './consent.js';
import type { Config } from './config.js';
import type { ConsentView } from './events.js';

declare const DEV_MODE: boolean | undefined;

/** File name of the lazily loaded chunk (validator + UI), next to the script-tag bundle. */
export const UI_CHUNK = typeof DEV_MODE !== 'undefined' && DEV_MODE ? 'samtycke-ui.dev.js' : 'samtycke-ui.js';

/** What the chunk exports to the head script. */
export interface UiChunk {
  validateConfig(input: unknown): Config;
  sendProofs(endpoint: string): Promise<void>;
}

/**
 * Loads the chunk once, however often it is asked for; after a failure (a
 * network error) the next request tries again. `ready` runs once it is in.
 */
export function createChunkLoader(scriptSrc: string, ready?: (chunk: UiChunk) => void): { load(): Promise<UiChunk>; readonly loaded: boolean } {
  let promise: Promise<UiChunk> | null = null;
  let loaded = false;
  let tries = 0;
  return {
    get loaded() {
      return loaded;
    },
    load() {
      // A failed module fetch is remembered by the browser for its URL: a retry asks with a new one.
      promise ??= (import(/* @vite-ignore */ new URL(UI_CHUNK + (tries++ ? `?${tries}` : ''), scriptSrc).href) as Promise<UiChunk>).then(
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
export function showUiOnDemand(consent: Consent, chunk: ReturnType<typeof createChunkLoader>, scriptSrc: string): void {
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

const OPENERS = Symbol.for('samtycke.openers');

/**
 * One click handler per page for `[data-samtycke="open"]` (the first to ask,
 * the head script's when there is one): a click opens the preferences once.
 */
export function wireOpeners(consent: () => Consent | null | undefined): void {
  const doc = document as Document & { [OPENERS]?: 1 };
  if (doc[OPENERS]) return;
  doc[OPENERS] = 1;
  document.addEventListener('click', (event) => {
    if (!(event.target as Element | null)?.closest?.('[data-samtycke="open"]')) return;
    const target = consent();
    if (!target) return;
    event.preventDefault();
    target.showPreferences();
  });
}

/** File name of the floating settings button, a small chunk without Lit. */
const BUTTON_CHUNK = 'samtycke-button.js';

/**
 * The floating settings button (R26) needs no UI chunk, and not even the head
 * script: once a decision exists, a 1 KB chunk draws it.
 */
function mountSettingsButtonOnDemand(consent: Consent, scriptSrc: string): void {
  let loading = false;
  const mount = (): void => {
    const ui = (consent.config as { ui?: { settingsButton?: boolean } }).ui;
    if (loading || !consent.state.decided || ui?.settingsButton === false) return;
    loading = true;
    (import(/* @vite-ignore */ new URL(BUTTON_CHUNK, scriptSrc).href) as Promise<typeof import('./ui/settings-button.js')>).then(
      (button) => button.mountSettingsButton(consent),
      (error: unknown) => console.error('[samtycke] the settings button could not be loaded', error),
    );
  };
  consent.on('change', mount);
  mount();
}
