import type { Config } from '../config/config.js';
import { globPattern } from '../internal/glob.js';
import { pageUrl } from '../internal/page-address.js';

/**
 * Whether this page is in a sensitive zone (R41): booking, patient, checkout
 * or health-product paths where no optional category runs, whatever the
 * visitor chose. Patterns are paths with `*` as a wildcard: "/booking/*".
 */
export function inSensitiveZone(config: Pick<Config, 'sensitiveZones'>, path?: string): boolean {
  const zones = config.sensitiveZones ?? [];
  // Most sites name none: then the page's address is not even read, on every page view.
  return zones.length > 0 && globPattern(zones).test(path ?? pageUrl().pathname);
}
