/**
 * `dist/samtycke-proof.js`: sends the proof records the head script stored
 * (R31). Loaded after a decision, or when records from an earlier page are
 * still waiting for the collector.
 */
import type { ProofSink } from '../consent/contract.js';
import { createProofQueue } from '../storage/proof-queue.js';

const queues = new Map<string, ProofSink>();

/** Sends what is due to the collector at `endpoint`, through one queue per endpoint. */
export function sendProofs(endpoint: string): Promise<void> {
  let queue = queues.get(endpoint);
  if (!queue) queues.set(endpoint, (queue = createProofQueue(endpoint)));
  return queue.flush();
}
