import { configSchema, type ConfigInput } from './schema.js';
import { toConfigError } from './config-error.js';
import { configHash, normalizeConfig, type Config } from './config.js';
import { startConsent, type Consent, type ConsentOptions } from './consent.js';
import { recordProofs } from './proof-wiring.js';
import { adviseOnConfig } from './config-advice.js';
import type { BlockedAttempt } from './gates/blocked-log.js';

export interface CreateConsentOptions extends ConsentOptions {
  /** The config's source text, when it came from JSON in the page. */
  configText?: string;
}

/**
 * Validates a config and fills in its defaults; throws `ConfigError` listing
 * every problem. The script-tag chunk uses it alone: the head script already
 * has the consent state machine.
 */
export function validateConfig(input: unknown): Config {
  const parsed = configSchema.safeParse(input);
  if (!parsed.success) throw toConfigError(parsed.error.issues, configSchema);
  const config = normalizeConfig(parsed.data);
  adviseOnConfig(config);
  return config;
}

/**
 * Validates the config and reads the stored decision.
 * Throws `ConfigError` listing every problem when the config is invalid.
 *
 * @example
 * const consent = createConsent({ revision: '2026-11-01', policyUrl: '/privacy', categories: [{ id: 'analytics' }] });
 * if (consent.has('analytics')) loadAnalytics();
 */
export function createConsent(input: ConfigInput, options: CreateConsentOptions = {}): Consent {
  const config = validateConfig(input);
  const consent = startConsent(config, configHash(options.configText ?? JSON.stringify(input)), {
    ...options,
    blockedLog: options.blockedLog ?? listenForBlocked(),
  });
  if (config.collector) recordProofs(consent, config.collector.endpoint);
  return consent;
}

/** Without a shared log, `blocked()` lists the `samtycke:blocked` events seen from now on. */
function listenForBlocked(): { list(): readonly BlockedAttempt[] } {
  const seen: BlockedAttempt[] = [];
  document.addEventListener('samtycke:blocked', (event) => seen.push(event.detail));
  return { list: () => seen.slice() };
}
