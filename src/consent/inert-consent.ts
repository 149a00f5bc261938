import type { Config } from '../config/config.js';
import type { Consent, ConsentState } from './contract.js';

const NO_CONFIG: Config = { revision: '', policyUrl: '', retention: 0, cookie: { name: 'samtycke', path: '/', sameSite: 'Lax' }, categories: [] };
const UNDECIDED: ConsentState = Object.freeze({ decided: false, choices: Object.freeze({}), consentId: null, decidedAt: null, expiresAt: null, revision: '', gpc: false });
const never = new Promise<void>(() => undefined);

/**
 * The consent object where there is no page to ask (a server rendering it)
 * or no head script on the page: it grants nothing, stores nothing, decides
 * nothing (every decision returns `false`), `when()` never resolves, and
 * `on()` subscribes to nothing. Rendering with it renders "no consent", which
 * is also what the visitor's browser starts from, so nothing mismatches on
 * hydration.
 */
export const inertConsent: Consent = Object.freeze({
  config: NO_CONFIG,
  state: UNDECIDED,
  has: () => false,
  when: () => never,
  on: () => () => undefined,
  acceptAll: () => false,
  rejectAll: () => false,
  set: () => false,
  withdraw: () => false,
  dismiss: () => false,
  recordEmbed: () => false,
  blocked: () => [],
  showPreferences: () => undefined,
  showBanner: () => undefined,
  destroy: () => undefined,
});
