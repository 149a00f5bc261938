import { configHash } from '../config/config.js';
import type { ConfigInput } from '../config/schema.js';
import { validateConfig } from '../config/validate-config.js';
import { startConsent } from '../consent/consent.js';
import { proofOfDecision } from '../consent/proof-of-decision.js';
import type { BlockedAttempt, Consent, ConsentOptions } from '../consent/contract.js';
import { decisionCookie } from '../storage/decision-cookie.js';
import { createProofQueue } from '../storage/proof-queue.js';
import { warn } from '../internal/dev.js';

/** Options of `createConsent()`. */
export interface CreateConsentOptions extends ConsentOptions {
  /** The config's source text, when it came from JSON in the page; its fingerprint is kept with the decision. */
  configText?: string;
}

/**
 * Validates the config, reads the stored decision from the decision cookie,
 * and returns the consent object. With `collector` in the config, every
 * decision's proof record is queued and sent (R30, R31).
 *
 * @throws {ConfigError} listing every problem at once, when the config is invalid; nothing is granted then.
 * @throws {Error} on a server (no `document`): render with `getConsent()` there, which is inert, and create the consent object in the browser.
 * @example
 * const consent = createConsent({ revision: '2026-11-01', policyUrl: '/privacy', categories: [{ id: 'analytics' }] });
 * if (consent.has('analytics')) loadAnalytics();
 */
export function createConsent(input: ConfigInput, options: CreateConsentOptions = {}): Consent {
  if (typeof document === 'undefined') {
    throw new Error('[samtycke] createConsent() needs a browser: it reads and writes the decision cookie. On a server, render with getConsent(), which is inert, and create the consent object in the browser');
  }
  if (typeof window !== 'undefined' && window.samtycke) {
    warn('second-consent', 'createConsent() made a second consent object on a page whose head script already has one: use getConsent() instead, so the page has one state and one banner');
  }
  const config = validateConfig(input);
  const proof = config.collector ? createProofQueue(config.collector.endpoint) : undefined;
  const consent = startConsent(
    config,
    { store: decisionCookie(config.cookie), configHash: configHash(options.configText ?? JSON.stringify(input)), proof, proofOf: proofOfDecision },
    { ...options, blockedLog: options.blockedLog ?? listenForBlocked() },
  );
  void proof?.flush();
  return consent;
}

/** Without a shared log, `blocked()` lists the `samtycke:blocked` events seen from now on. */
function listenForBlocked(): { list(): readonly BlockedAttempt[] } {
  const seen: BlockedAttempt[] = [];
  document.addEventListener('samtycke:blocked', (event) => seen.push(event.detail));
  return { list: () => seen.slice() };
}
