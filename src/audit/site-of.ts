/**
 * Which site a host belongs to: its registrable domain (eTLD+1) by the Public
 * Suffix List, as browsers decide first and third party. Uses `tldts` rather
 * than a list of our own. An unknown top-level name counts as a suffix, as in
 * Chromium, so `analytics.localhost` and `localhost` are two sites.
 */
import { getDomain } from 'tldts';

/**
 * The registrable domain of a host, or the host itself (IP addresses, `localhost`).
 * @example siteOf('www.example.co.uk') // 'example.co.uk'
 */
export function siteOf(host: string): string {
  const bare = host.replace(/^\.+/, '').toLowerCase();
  return getDomain(bare) ?? bare;
}

/**
 * Whether `host` is on another site than `pageHost`.
 * @example isThirdParty('cdn.shop.example', 'www.shop.example') // false
 */
export function isThirdParty(host: string, pageHost: string): boolean {
  return siteOf(host) !== siteOf(pageHost);
}
