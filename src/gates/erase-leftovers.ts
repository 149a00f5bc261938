import Cookies from 'js-cookie';
import type { Leftovers } from './leftovers.js';

/**
 * Every `Path` a cookie visible on this page can have: `/` and each prefix of
 * the page's path (`/shop`, `/shop/`, `/shop/cart` …), since a browser only
 * deletes a cookie given its exact path and a tag may have set it with its own.
 */
function visiblePaths(pathname: string): string[] {
  const paths = new Set(['/']);
  for (let end = pathname.indexOf('/', 1); ; end = pathname.indexOf('/', end + 1)) {
    const prefix = end < 0 ? pathname : pathname.slice(0, end);
    if (prefix.length > 1) paths.add(prefix).add(`${prefix}/`);
    if (end < 0) break;
  }
  return [...paths];
}

/** This host and each parent domain: a cookie set for `.example.com` is only deleted with that same domain. */
function visibleDomains(hostname: string): (string | undefined)[] {
  const domains: (string | undefined)[] = [undefined];
  for (let domain = hostname; domain.includes('.'); domain = domain.slice(domain.indexOf('.') + 1)) domains.push(domain);
  return domains;
}

/**
 * Deletes what revoked services left on this site (R28): each cookie under
 * every domain and path it could have been set with, and the storage keys.
 * Third-party cookies on a vendor's own domain are out of reach of any page;
 * vendors are told through their consent APIs instead (R29).
 */
export function eraseLeftovers(found: Leftovers): void {
  const paths = visiblePaths(location.pathname);
  const domains = visibleDomains(location.hostname);
  for (const name of found.cookies) {
    for (const domain of domains) for (const path of paths) Cookies.remove(name, domain ? { path, domain } : { path });
  }
  for (const area of ['localStorage', 'sessionStorage'] as const) {
    try {
      for (const key of found[area]) window[area].removeItem(key);
    } catch {
      // Storage disabled or sandboxed: nothing was stored there either.
    }
  }
}
