import type { Consent } from '../consent.js';
import * as extras from './gate-extras.js';
import { startGateKeeper, type Gates, type GatesOptions } from './gate-keeper.js';

export type { Gates, GatesOptions } from './gate-keeper.js';

/**
 * Gates the page for a consent object: declarative markup
 * (`data-category` / `data-service`), tags added later, and calls from code
 * to the config's hosts wait for consent; placeholders stand in for embeds;
 * revocation erases what services stored and tells vendors (docs/gates.md).
 * Call it once per page, as early as possible.
 *
 * @example
 * const consent = createConsent(config);
 * startGates(consent);
 * consent.blocked();
 */
export function startGates(consent: Consent, options: GatesOptions = {}): Gates {
  return startGateKeeper(consent, { ...options, extras: async () => extras });
}
