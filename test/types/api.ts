/**
 * Type tests: compiled by `npm run typecheck`, never run. Each
 * `@ts-expect-error` must be an error, or the type check fails.
 */
import { createConsent, type ConsentState, type Decision } from '../../src/entries/index.js';

const consent = createConsent({ revision: '1', policyUrl: '/privacy', categories: [{ id: 'analytics' }] });

consent.set({ analytics: true });
// @ts-expect-error choices are booleans, not strings
consent.set({ analytics: 'yes' });

consent.on('change', (state: ConsentState) => state.decided);
consent.on('decision', (decision: Decision) => decision.action);
// @ts-expect-error unknown event name
consent.on('granted', () => undefined);
// @ts-expect-error a change listener receives the state, not a decision
consent.on('change', (decision: Decision) => decision.action);

document.addEventListener('samtycke:change', (event) => event.detail.choices);
document.addEventListener('samtycke:decision', (event) => event.detail.consentId);

// @ts-expect-error revision is required
createConsent({ policyUrl: '/privacy', categories: [] });
// @ts-expect-error categories have ids
createConsent({ revision: '1', policyUrl: '/privacy', categories: [{ label: 'x' }] });
// @ts-expect-error unknown top-level keys are refused by the types too
createConsent({ revision: '1', policyUrl: '/privacy', categories: [{ id: 'a' }], polcyUrl: '/x' });
