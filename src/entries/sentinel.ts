/**
 * The `samtycke/sentinel` entry: the leak sentinel (R39, R42, R43). No side
 * effects until `watchForLeaks()` is called.
 */
import { inspectElementUrls, inspectNetwork } from '../internal/request-hooks.js';
import { startSentinel, type Sentinel, type SentinelOptions } from '../sentinel/watch-for-leaks.js';

export { isSensitiveField } from '../sentinel/canaries.js';
export type { Sentinel, SentinelOptions } from '../sentinel/watch-for-leaks.js';
export type { Incident, IncidentOptions, Leak, RequestKind } from '../sentinel/incident.js';
export type { Canary } from '../sentinel/canaries.js';

/**
 * Starts the leak sentinel once per page; later calls return the running one.
 * It raises an incident (and `samtycke:leak` on `document`) when a request to
 * another host carries a visitor's contact data, plain or hashed; in `block`
 * mode it also stops the requests that can be stopped.
 * @example
 * watchForLeaks({ mode: 'block', controller: 'Exempel AB' });
 * document.addEventListener('samtycke:leak', (event) => report(event.detail));
 */
export function watchForLeaks(options: SentinelOptions = {}): Sentinel {
  return startSentinel(options, { inspectNetwork, inspectElementUrls });
}
