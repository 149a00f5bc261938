/**
 * Google Consent Mode v2 through `dataLayer`, in the `gtag()` form Google's
 * tags read (an `arguments` object, not an array).
 */
export type ConsentModeType =
  | 'ad_storage'
  | 'ad_user_data'
  | 'ad_personalization'
  | 'analytics_storage'
  | 'functionality_storage'
  | 'personalization_storage'
  | 'security_storage';

export type ConsentModeState = Record<ConsentModeType, 'granted' | 'denied'>;

const ADS: ConsentModeType[] = ['ad_storage', 'ad_user_data', 'ad_personalization'];

/** Which category grants which types, unless the config says otherwise. */
export const DEFAULT_CONSENT_MODE_MAP: Readonly<Record<string, readonly ConsentModeType[]>> = {
  analytics: ['analytics_storage'],
  marketing: ADS,
  advertising: ADS,
  ads: ADS,
  preferences: ['functionality_storage', 'personalization_storage'],
};

const TYPES: readonly ConsentModeType[] = [...ADS, 'analytics_storage', 'functionality_storage', 'personalization_storage', 'security_storage'];

declare global {
  interface Window {
    dataLayer?: unknown[];
  }
}

/** What samtycke put in dataLayer, oldest first: the default, then the latest update and its event. */
const ours: unknown[] = [];

/**
 * Keeps samtycke's entries at the front of `dataLayer` whatever the page does
 * with the variable: Google's own tag-manager guide declares it with
 * `dataLayer = [{ … }]`, which would drop a default pushed before. A new array
 * given to `window.dataLayer` gets the default (and the latest update) put in
 * front; pushing to it, as gtag.js and the container snippet do, is untouched.
 */
function guardDataLayer(): unknown[] {
  let layer: unknown[] = window.dataLayer ?? [];
  try {
    Object.defineProperty(window, 'dataLayer', {
      configurable: true,
      enumerable: true,
      get: () => layer,
      set(next: unknown) {
        if (Array.isArray(next) && next !== layer && !ours.every((entry) => next.includes(entry))) next.unshift(...ours.filter((entry) => !next.includes(entry)));
        layer = next as unknown[];
      },
    });
  } catch {
    // A page that made dataLayer unconfigurable keeps it as it is.
  }
  return layer;
}

function gtag(..._: unknown[]): void;
function gtag(): void {
  // eslint-disable-next-line prefer-rest-params
  window.dataLayer!.push(arguments);
}

/**
 * The types for a set of choices. A type is granted only when every category
 * mapped to it is granted; `security_storage` is strictly necessary and always is.
 */
export function consentModeState(choices: Readonly<Record<string, boolean>>, map: Readonly<Record<string, readonly string[]>>): ConsentModeState {
  const state = {} as ConsentModeState;
  for (const type of TYPES) {
    const categories = Object.keys(map).filter((category) => map[category]!.includes(type) && category in choices);
    state[type] = type === 'security_storage' || (categories.length > 0 && categories.every((category) => choices[category])) ? 'granted' : 'denied';
  }
  return state;
}

/** Everything denied until the visitor decides; sent by the head script before any Google tag can run. */
export function pushConsentDefault(): void {
  guardDataLayer();
  // No choices: every type denied but `security_storage`.
  gtag('consent', 'default', { ...consentModeState({}, {}), wait_for_update: 500 });
  ours.push(window.dataLayer!.at(-1));
}

/** The `update` command plus a `samtycke_consent` event for tag-manager triggers. */
export function pushConsentUpdate(state: ConsentModeState, choices: Readonly<Record<string, boolean>>): void {
  if (!window.dataLayer) guardDataLayer();
  gtag('consent', 'update', state);
  window.dataLayer!.push({ event: 'samtycke_consent', samtycke: { ...choices } });
  // Only the latest update (and its event) is put in front of a new array: the default, then where things stand.
  ours.splice(1, ours.length - 1, ...window.dataLayer!.slice(-2));
}
