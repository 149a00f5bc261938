/**
 * The lazily loaded chunk of the script-tag build (`dist/samtycke-ui.js`):
 * the config validator and the UI layers. The head script loads it only
 * when there is no current decision, the config text changed, or the visitor
 * opens the settings. The settings button stays in the head script.
 */
import './layers.js';
import { createProofQueue } from '../storage/proof-queue.js';

export { validateConfig } from '../create-consent.js';

const queues = new Map<string, ReturnType<typeof createProofQueue>>();

/** Sends the proof records the head script stored, through one queue per endpoint. */
export function sendProofs(endpoint: string): Promise<void> {
  let queue = queues.get(endpoint);
  if (!queue) queues.set(endpoint, (queue = createProofQueue(endpoint)));
  return queue.flush();
}
