/**
 * `dist/samtycke-ui.js`, the chunk the script tag loads on demand: the config
 * validator and the UI layers. The head script loads it only when there is no
 * current decision, the config text changed, or the visitor opens the settings.
 */
import type { ProofSink } from '../consent/contract.js';
import { createProofQueue } from '../storage/proof-queue.js';
import { defineLayers, listenForShowRequests } from '../ui/layers.js';

export { validateConfig } from '../config/validate-config.js';

defineLayers();
listenForShowRequests();

const queues = new Map<string, ProofSink>();

/** Sends the proof records the head script stored, through one queue per endpoint. */
export function sendProofs(endpoint: string): Promise<void> {
  let queue = queues.get(endpoint);
  if (!queue) queues.set(endpoint, (queue = createProofQueue(endpoint)));
  return queue.flush();
}
