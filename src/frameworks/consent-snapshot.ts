/**
 * What the framework integrations render from: the consent state and the
 * `has()` that goes with it, as one immutable value per state. A new value
 * exists only when the consent object's state changes, so a framework can
 * compare snapshots by identity.
 *
 * Server rendering and hydration: the server has no consent (see
 * `inertConsent`), so it renders the inert snapshot. The browser's first
 * render of server HTML must render the same thing, or the framework reports
 * a hydration mismatch; each integration therefore starts from the inert
 * snapshot and moves to the live one once it is mounted.
 */
import type { Consent, ConsentState } from '../consent/contract.js';
import { inertConsent } from '../consent/inert-consent.js';

/**
 * One state of consent, for rendering.
 * @example
 * const { state, has, consent } = liveSnapshot(getConsent());
 * if (state.decided && !has('analytics')) showAnalyticsHint(() => consent.showPreferences());
 */
export interface ConsentSnapshot {
  /** The state this snapshot shows (`decided`, `choices`, `decidedAt` in ms since the epoch …). */
  readonly state: ConsentState;
  /** Whether a category, or the category of a service id, is granted in this state (necessary ones always are, nothing optional on a sensitive page, R41). */
  has(id: string): boolean;
  /** The page's consent object, to act on (`acceptAll()`, `withdraw()`, `showPreferences()` …) from event handlers. Render from `state` and `has`, not from it. */
  readonly consent: Consent;
}

const live = new WeakMap<Consent, ConsentSnapshot>();
const inert = new WeakMap<Consent, ConsentSnapshot>();

/**
 * The snapshot of `consent`'s current state; the same object until the state changes.
 * @example liveSnapshot(getConsent()).has('analytics')
 */
export function liveSnapshot(consent: Consent): ConsentSnapshot {
  const state = consent.state;
  const cached = live.get(consent);
  if (cached?.state === state) return cached;
  const snapshot: ConsentSnapshot = Object.freeze({ state, has: (id: string) => consent.state === state && consent.has(id), consent });
  live.set(consent, snapshot);
  return snapshot;
}

/**
 * The snapshot a server renders, and the browser's first render of that HTML:
 * undecided, nothing granted, with `consent` still the page's object so event
 * handlers act on the real thing. Always the same object for one consent object.
 * @example inertSnapshot(getConsent()).has('analytics') // false
 */
export function inertSnapshot(consent: Consent): ConsentSnapshot {
  let snapshot = inert.get(consent);
  if (!snapshot) {
    snapshot = Object.freeze({ state: inertConsent.state, has: () => false, consent });
    inert.set(consent, snapshot);
  }
  return snapshot;
}
