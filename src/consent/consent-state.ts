import type { Config } from '../config/config.js';
import type { ConsentState } from './contract.js';
import { DAY_MS, type StoredDecision } from './decision.js';

/** The state a stored decision (or none) gives under a config: necessary categories always on, the rest as stored. */
export function stateOf(config: Config, stored: StoredDecision | null, gpc: boolean): ConsentState {
  const choices: Record<string, boolean> = {};
  for (const category of config.categories) choices[category.id] = category.necessary || stored?.c[category.id] === 1;
  return {
    decided: stored !== null,
    choices,
    consentId: stored?.id ?? null,
    decidedAt: stored?.t ?? null,
    expiresAt: stored ? stored.t + config.retention * DAY_MS : null,
    revision: config.revision,
    gpc,
  };
}
