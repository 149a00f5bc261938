/**
 * The lazily loaded chunk of the script-tag build (`dist/samtycke-ui.js`):
 * the config validator and the UI elements. The head script loads it only
 * when there is no current decision, the config text changed, or the visitor
 * opens the settings.
 */
import './define.js';
import { createProofQueue } from '../storage/proof-queue.js';

export { createConsent } from '../create-consent.js';

const queues = new Map<string, ReturnType<typeof createProofQueue>>();

/** Sends the proof records the head script stored, through one queue per endpoint. */
export function sendProofs(endpoint: string): Promise<void> {
  let queue = queues.get(endpoint);
  if (!queue) queues.set(endpoint, (queue = createProofQueue(endpoint)));
  return queue.flush();
}
