import type { Config } from './config.js';
import { pageUrl } from './page-address.js';

/**
 * Whether this page is in a sensitive zone (R41): booking, patient, checkout
 * or health-product paths where no optional category runs, whatever the
 * visitor chose. Patterns are paths with `*` as a wildcard: "/booking/*".
 */
export function inSensitiveZone(config: Config, path = pageUrl().pathname): boolean {
  return (config.sensitiveZones ?? []).some((pattern) =>
    new RegExp(`^${pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`).test(path),
  );
}
