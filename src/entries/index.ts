/**
 * samtycke: consent that is lawful by construction. The npm entry (`samtycke`).
 * It has no side effects and never registers elements; import `samtycke/ui`
 * for the banner.
 */
export { getConsent } from '../consent/get-consent.js';
export { inertConsent } from '../consent/inert-consent.js';
export { createConsent } from './create-consent.js';
export type { CreateConsentOptions } from './create-consent.js';
export type { Consent, ConsentOptions, ConsentState, ConsentEventMap, ConsentView, BlockedAttempt, BlockedKind, BlockedLog } from '../consent/contract.js';
export { ConfigError } from '../config/config-error.js';
export type { ConfigIssue } from '../config/config-error.js';
export { ConsentChangeEvent, ConsentDecisionEvent, ConsentShowEvent, ConsentBlockedEvent } from '../consent/events.js';
export type { Decision, DecisionAction, DecisionContext } from '../consent/decision.js';
export type { ConfigInput } from '../config/schema.js';
export type { Config, CategoryConfig, ServiceConfig, CookieDeclaration, LocalText } from '../config/config.js';
export type { ProofRecord } from '../proof/proof-record.js';
export { DEFAULT_RETENTION_DAYS, MAX_RETENTION_DAYS } from '../config/retention.js';
export { VERSION } from '../internal/version.js';
export { startGates } from '../gates/start-gates.js';
export type { Gates, GatesOptions } from '../gates/gate-keeper.js';
export { createPlaceholder } from '../gates/placeholder.js';
export type { Embed, PlaceholderActions } from '../gates/placeholder.js';
export type { GateService } from '../gates/rules.js';
export { createBlockedLog } from '../consent/blocked-log.js';
export { DEFAULT_CONSENT_MODE_MAP } from '../gates/consent-mode.js';
export type { ConsentModeType, ConsentModeState } from '../gates/consent-mode.js';
