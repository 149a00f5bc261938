import type { ProofRecord } from '../proof/proof-record.js';
import { EMPTY_TEXT_HASH } from '../proof/record-fields.js';
import { pageUrl } from '../internal/page-address.js';
import { randomId } from '../internal/random-id.js';
import { VERSION } from '../internal/version.js';
import type { Decision } from './decision.js';

/**
 * The proof record of a decision made on this page (R30). A text shown but
 * not hashed yet (a very fast click, or a page without Web Crypto) goes out
 * with an empty `textHash`; the proof queue hashes it before sending.
 */
export function proofOfDecision(decision: Decision): ProofRecord {
  const { context } = decision;
  const page = pageUrl();
  const record: ProofRecord = {
    recordId: randomId(),
    consentId: decision.consentId,
    action: decision.action,
    choices: { ...decision.choices },
    revision: decision.revision,
    locale: context.locale ?? (document.documentElement.lang || 'und'),
    textHash: context.text !== undefined ? (context.textHash ?? '') : EMPTY_TEXT_HASH,
    gpc: decision.gpc,
    page: page.origin + page.pathname,
    timestamp: new Date(decision.decidedAt).toISOString(),
    layer: context.layer ?? 'api',
    userActivation: decision.userActivation,
    libraryVersion: VERSION,
  };
  if (context.text !== undefined) record.text = context.text;
  if (context.control) record.control = context.control;
  if (context.services) record.services = { ...context.services };
  return record;
}
