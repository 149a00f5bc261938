import type { ConsentState } from '../consent/contract.js';
import { consentModeState, DEFAULT_CONSENT_MODE_MAP, pushConsentUpdate, type ConsentModeState } from './consent-mode.js';
import { findLeftovers, type Leftovers } from './leftovers.js';
import { readDecisionRules, type GateRules } from './rules.js';
import { vendorApiPresent } from './vendor-signals.js';

/**
 * What a decision does beyond holding requests back, run by the head script
 * for every decision and for a returning visitor's stored one, so that a page
 * without gated elements needs nothing more than the head script: update
 * Consent Mode (R29), have the vendors' own consent APIs told about a change
 * and what refused services left erased (R28) by the on-demand half (`later`,
 * asked only when there is something to do), and reload when revoked code
 * already runs (it cannot be unloaded).
 * Returns the function to call with each decided state; it returns `false`
 * when the page is reloading.
 */
export function createDecisionEffects(
  rules: GateRules,
  config: unknown,
  ran: ReadonlySet<string>,
  later: { erase(found: Leftovers): void; signalVendors(types: ConsentModeState): void },
): (state: ConsentState, atStart?: boolean) => boolean {
  const { reloadOnRevoke, consentMode, decisionCookie } = readDecisionRules(config);
  let previous: Readonly<Record<string, boolean>> | null = null;
  return (state, atStart = false) => {
    // Refused at the first decision seen, or granted before and refused now.
    const revoked = (category: string) => !state.choices[category] && (!previous || previous[category] === true);
    const found = findLeftovers(rules.services.filter((service) => revoked(service.category)), decisionCookie);
    if (found) later.erase(found);
    const types = consentModeState(state.choices, consentMode ?? DEFAULT_CONSENT_MODE_MAP);
    // A vendor's own consent API exists only once its code has run, which is never before the head script starts.
    if (!atStart && vendorApiPresent()) later.signalVendors(types);
    if (consentMode !== null) pushConsentUpdate(types, state.choices);
    const reload = reloadOnRevoke && [...ran].some(revoked);
    previous = state.choices;
    if (reload) location.reload();
    return !reload;
  };
}
