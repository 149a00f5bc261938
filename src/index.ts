/**
 * samtycke: consent that is lawful by construction.
 * The npm entry. It has no side effects and never registers elements;
 * import `samtycke/ui` for the banner.
 */
export { createConsent } from './create-consent.js';
export type { CreateConsentOptions } from './create-consent.js';
export type { Consent, ConsentOptions, ConsentState } from './consent.js';
export { ConfigError } from './config-error.js';
export type { ConfigIssue } from './config-error.js';
export { ConsentChangeEvent, ConsentDecisionEvent, ConsentShowEvent } from './events.js';
export type { ConsentEventMap, ConsentView } from './events.js';
export type { Decision, DecisionAction, DecisionContext } from './decision.js';
export type { ConfigInput } from './schema.js';
export type { Config, CategoryConfig, ServiceConfig, CookieDeclaration, LocalText } from './config.js';
export { DEFAULT_RETENTION_DAYS, MAX_RETENTION_DAYS } from './retention.js';
export { VERSION } from './version.js';
export { startGates } from './gates/start-gates.js';
export type { Gates, GatesOptions } from './gates/gate-keeper.js';
export { createPlaceholder } from './gates/placeholder.js';
export type { Embed, PlaceholderActions } from './gates/placeholder.js';
export type { GateService } from './gates/rules.js';
export { createBlockedLog, ConsentBlockedEvent } from './gates/blocked-log.js';
export type { BlockedAttempt, BlockedKind, BlockedLog } from './gates/blocked-log.js';
export { DEFAULT_CONSENT_MODE_MAP } from './vendors/consent-mode.js';
export type { ConsentModeType, ConsentModeState } from './vendors/consent-mode.js';
