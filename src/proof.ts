import type { Decision } from './decision.js';
import { VERSION } from './version.js';
import { pageUrl } from './page-address.js';
import { randomId } from './random-id.js';

/**
 * One proof of a decision (R30), as sent to the collector. Modelled on the
 * ISO/IEC TS 27560 consent record: who (a random consent id, nothing about
 * the person), what (choices, revision, the exact text and its hash), how
 * (action, layer, control, gesture) and when. No IP, no fingerprint.
 */
export interface ProofRecord {
  recordId: string;
  consentId: string;
  action: Decision['action'];
  choices: Record<string, boolean>;
  services?: Record<string, boolean>;
  revision: string;
  locale: string;
  /** SHA-256 (hex) of the exact text shown; of the empty text when none was (an API call); empty until the queue hashes a text given without one. */
  textHash: string;
  text?: string;
  gpc: boolean;
  /** Origin and path, never the query string or fragment. */
  page: string;
  /** ISO-8601 UTC. */
  timestamp: string;
  control?: string;
  layer?: 'banner' | 'preferences' | 'placeholder' | 'api';
  userActivation: boolean;
  libraryVersion: string;
}

/** SHA-256 of the empty string: the hash recorded when no text was shown. */
const EMPTY_TEXT_HASH = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

/** Builds the proof record for a decision made on this page. */
export function toProofRecord(decision: Decision): ProofRecord {
  const { context } = decision;
  const record: ProofRecord = {
    recordId: randomId(),
    consentId: decision.consentId,
    action: decision.action,
    choices: { ...decision.choices },
    revision: decision.revision,
    locale: context.locale ?? (document.documentElement.lang || 'und'),
    // Text shown but not yet hashed (a very fast click): the queue hashes it before sending.
    textHash: context.text !== undefined ? (context.textHash ?? '') : EMPTY_TEXT_HASH,
    gpc: decision.gpc,
    page: pageUrl().origin + pageUrl().pathname,
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
