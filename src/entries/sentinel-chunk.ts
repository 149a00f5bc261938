/**
 * `dist/samtycke-sentinel.js`, loaded by the head script the first time a
 * visitor focuses a form field. It wraps nothing itself: the head script
 * hands it the request hooks it installed. With a collector in the config,
 * each detection's report is stored in the proof queue at once and sent by
 * the proof chunk, like a proof record (R31, R42).
 */
import type { RequestHooks } from '../internal/request-hooks.js';
import { sentinelOptions } from '../sentinel/sentinel-options.js';
import { startSentinel, type Sentinel } from '../sentinel/watch-for-leaks.js';
import { hostOwners, queueReports } from './leak-delivery.js';

export { runningSentinel } from '../sentinel/watch-for-leaks.js';

/** Starts the sentinel with the settings of a raw config, through `hooks`. */
export function startSentinelFromConfig(config: unknown, hooks: RequestHooks): Sentinel {
  return startSentinel(
    {
      ...sentinelOptions(config),
      // The head script made it before it asked for this chunk.
      consent: window.samtycke,
      ownerOf: hostOwners(config),
      deliver: queueReports(config, () => window.samtycke),
    },
    hooks,
  );
}
