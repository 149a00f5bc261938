/**
 * `dist/samtycke-sentinel.js`, loaded by the head script the first time a
 * visitor focuses a form field. It wraps nothing itself: the head script
 * hands it the request hooks it installed.
 */
import type { RequestHooks } from '../internal/request-hooks.js';
import { sentinelOptions } from '../sentinel/sentinel-options.js';
import { startSentinel, type Sentinel } from '../sentinel/watch-for-leaks.js';

export { runningSentinel } from '../sentinel/watch-for-leaks.js';

/** Starts the sentinel with the settings of a raw config, through `hooks`. */
export function startSentinelFromConfig(config: unknown, hooks: RequestHooks): Sentinel {
  return startSentinel(sentinelOptions(config), hooks);
}
