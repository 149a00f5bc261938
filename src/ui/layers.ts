/**
 * The banner and the preferences as layers of one page: registered once,
 * shown for whichever consent object asks (`samtycke:show`), never twice,
 * even when two bundles of samtycke are on the page. The entries call
 * `defineLayers()` and `listenForShowRequests()`; nothing here runs on import.
 */
import type { Consent } from '../consent/contract.js';
import type { ConsentView } from '../consent/contract.js';
import { SamtyckeBanner } from './banner.js';
import { openPreferences } from './open-preferences.js';
import type { SamtyckePreferences } from './preferences.js';

declare global {
  interface HTMLElementTagNameMap {
    'samtycke-banner': SamtyckeBanner;
    'samtycke-preferences': SamtyckePreferences;
  }
}

/** Registers `<samtycke-banner>`, unless the page already has it; `<samtycke-preferences>` comes with its chunk. */
export function defineLayers(): void {
  if (!customElements.get('samtycke-banner')) customElements.define('samtycke-banner', SamtyckeBanner);
}

/** Shared by every copy of this module on the page (two bundles must not show two banners). */
interface UiRegistry {
  /** The consent object `[data-samtycke="open"]` opens the settings of. */
  consent: Consent | null;
  /** Called once per consent object the UI meets. */
  connect: ((consent: Consent) => void) | null;
  connected: WeakSet<Consent>;
}
const KEY = Symbol.for('samtycke.ui');
type WithRegistry = Document & { [KEY]?: UiRegistry };

function registry(): UiRegistry {
  return ((document as WithRegistry)[KEY] ??= { consent: null, connect: null, connected: new WeakSet() });
}

function whenBody(run: () => void): void {
  if (document.body) run();
  else document.addEventListener('DOMContentLoaded', run, { once: true });
}

/** Remembers the consent object the page uses; runs the connect hook the first time it is seen. */
export function connectConsent(consent: Consent): void {
  const ui = registry();
  ui.consent = consent;
  if (ui.connected.has(consent)) return;
  ui.connected.add(consent);
  ui.connect?.(consent);
}

/** The consent object `[data-samtycke="open"]` elements open the settings of. */
export const openerTarget = (): Consent | null | undefined => registry().consent ?? window.samtycke;

/** Sets what connecting a consent object does beyond showing layers (the settings button, for npm users). */
export function onConnect(connect: (consent: Consent) => void): void {
  registry().connect = connect;
}

/** Shows a layer for a consent object; showing what is already shown changes nothing. */
export function showView(consent: Consent, view: ConsentView): void {
  connectConsent(consent);
  whenBody(() => {
    if (view === 'preferences') {
      openPreferences(consent).catch((error: unknown) => console.error('[samtycke] the preferences could not be loaded', error));
      return;
    }
    let banner = document.querySelector('samtycke-banner');
    if (!banner) {
      banner = document.createElement('samtycke-banner');
      // First in the body: the first thing a keyboard or screen-reader user reaches.
      document.body.prepend(banner);
    }
    banner.consent = consent;
    banner.open = true;
  });
}

const LISTENING = Symbol.for('samtycke.ui.listening');

/** Shows the layer any consent object asks for (`samtycke:show`); one listener per page, whichever bundle adds it. */
export function listenForShowRequests(): void {
  const doc = document as Document & { [LISTENING]?: true };
  if (doc[LISTENING]) return;
  doc[LISTENING] = true;
  document.addEventListener('samtycke:show', (event) => showView(event.detail.consent, event.detail.view));
}
