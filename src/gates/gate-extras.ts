/**
 * What the gates need only once something is granted, decided or shown: script
 * activation in page order, the effects of a decision (Consent Mode update,
 * vendor signals, erasing what revoked services stored) and click-to-load
 * placeholders. The script-tag bundle fetches this module
 * (`dist/samtycke-gates.js`) on demand, so the head script keeps only what
 * must run from the first moment: blocking.
 */
import { consentModeState, DEFAULT_CONSENT_MODE_MAP, pushConsentUpdate } from '../vendors/consent-mode.js';
import { signalVendors } from '../vendors/vendor-signals.js';
import { eraseServiceData } from './erase-service-data.js';
import type { GateService } from './rules.js';

export { activateScript } from './script-gate.js';
export { createPlaceholder } from './placeholder.js';

/**
 * Applies a decision beyond the gates: erases what the revoked services
 * stored (R28), sends Consent Mode's `update` and the `samtycke_consent`
 * dataLayer event unless Consent Mode is off (`map` null), and tells vendors (R29).
 */
export function applyDecision(
  choices: Readonly<Record<string, boolean>>,
  revoked: readonly GateService[],
  map: Readonly<Record<string, readonly string[]>> | undefined | null,
): void {
  eraseServiceData(revoked);
  const types = consentModeState(choices, map ?? DEFAULT_CONSENT_MODE_MAP);
  signalVendors(types);
  if (map !== null) pushConsentUpdate(types, choices);
}
