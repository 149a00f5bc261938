/**
 * The `samtycke/sentinel` entry: the leak sentinel (R39, R42, R43). No side
 * effects until `watchForLeaks()` is called.
 */
import type { Consent } from '../consent/contract.js';
import { inspectElementUrls, inspectNetwork } from '../internal/request-hooks.js';
import { startSentinel, type Sentinel, type SentinelOptions } from '../sentinel/watch-for-leaks.js';
import { hostOwners, queueReports } from './leak-delivery.js';

export { isSensitiveField } from '../sentinel/canaries.js';
export type { Sentinel, SentinelOptions } from '../sentinel/watch-for-leaks.js';
export type { Incident, IncidentOptions, Leak, RequestKind } from '../sentinel/incident.js';
export type { Canary } from '../sentinel/canaries.js';
export type { HostOwner } from '../sentinel/report-leak.js';
export type { LeakReport } from '../proof/leak-report.js';

/** Options of `watchForLeaks()`: the sentinel's, and the consent object that connects it to the site. */
export interface WatchOptions extends SentinelOptions {
  /**
   * The page's consent object (`createConsent()`, `getConsent()`). With it, a report names the
   * receiving service from its config, carries the consent id and state, takes the config's
   * `sentinel.operatorType`, and, when the config has a `collector`, is queued with the proof
   * records and sent to the collector (R42).
   */
  consent?: Consent | undefined;
}

/**
 * Starts the leak sentinel once per page; later calls return the running one.
 * It raises an incident (and `samtycke:leak` on `document`) when a request to
 * another host carries a visitor's contact data, plain or hashed; in `block`
 * mode it also stops the requests that can be stopped. With `consent`, each
 * detection is also reported to the site's collector.
 * @example
 * const consent = createConsent(config);
 * watchForLeaks({ mode: 'block', consent });
 * document.addEventListener('samtycke:leak', (event) => console.warn(event.detail));
 */
export function watchForLeaks(options: WatchOptions = {}): Sentinel {
  const { consent } = options;
  const config = consent?.config;
  return startSentinel(
    {
      controller: config?.controller,
      operatorType: config?.sentinel?.operatorType,
      ownerOf: config && hostOwners(config),
      deliver: config && queueReports(config, () => consent),
      ...options,
    },
    { inspectNetwork, inspectElementUrls },
  );
}
