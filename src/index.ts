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
