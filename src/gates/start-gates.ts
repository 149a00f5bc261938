import type { Consent } from '../consent/contract.js';
import * as actions from './gate-actions.js';
import { startGateKeeper, type Gates, type GatesOptions } from './gate-keeper.js';

/**
 * Gates the page for a consent object: declarative markup
 * (`data-category` / `data-service`), tags added later, and calls from code
 * to the config's hosts wait for consent (R02, R03); placeholders stand in
 * for embeds (R35); revocation erases what services stored and tells vendors
 * (R28, R29). See docs/gates.md. Call it once per page, as early as possible:
 * only requests made after it are seen.
 *
 * @returns the gates: `blocked()` lists every request held back, `refresh()` activates what is granted now.
 * @example
 * const consent = createConsent(config);
 * startGates(consent);
 * consent.blocked();
 */
export function startGates(consent: Consent, options: GatesOptions = {}): Gates {
  return startGateKeeper(consent, { ...options, actions: async () => actions });
}
