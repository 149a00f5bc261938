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

function gtag(..._: unknown[]): void;
function gtag(): void {
  // eslint-disable-next-line prefer-rest-params
  (window.dataLayer = window.dataLayer ?? []).push(arguments);
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
  // No choices: every type denied but `security_storage`.
  gtag('consent', 'default', { ...consentModeState({}, {}), wait_for_update: 500 });
}

/** The `update` command plus a `samtycke_consent` event for tag-manager triggers. */
export function pushConsentUpdate(state: ConsentModeState, choices: Readonly<Record<string, boolean>>): void {
  gtag('consent', 'update', state);
  window.dataLayer!.push({ event: 'samtycke_consent', samtycke: { ...choices } });
}
