import type { Consent } from './consent.js';
import { toProofRecord } from './proof.js';
import { createProofQueue, pendingProofs, storeProof } from './storage/proof-queue.js';

/**
 * Every decision leaves a proof record, stored before the decision takes
 * effect (decision listeners run before the cookie is written) and sent to
 * the collector (R30, R31).
 */
export function recordProofs(consent: Consent, endpoint: string): void {
  const queue = createProofQueue(endpoint);
  consent.on('decision', (decision) => queue.enqueue(toProofRecord(decision)));
  consent.proof = queue;
  void queue.flush();
}

/**
 * The head script's version: store synchronously, and let the lazily loaded
 * chunk do the sending, so a returning visitor with nothing to send loads nothing.
 */
export function recordProofsLazily(consent: Consent, send: () => Promise<void>): void {
  consent.on('decision', (decision) => {
    storeProof(toProofRecord(decision));
    void send();
  });
  consent.proof = { pending: pendingProofs, flush: send };
  if (pendingProofs().length) void send();
}
