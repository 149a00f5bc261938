/**
 * Classifies hosts, cookies and storage keys: first by the site's samtycke
 * config, then by the Open Cookie Database; the site's own hosts count as
 * necessary. What neither knows is `unknown` and reported as undeclared (R40),
 * never as a breach.
 */
import type { Classification } from './audit-report.js';
import { lookupCookie, lookupHost } from './cookie-database.js';
import type { DeclaredCategory, DeclaredService, SiteDeclarations } from './site-config.js';
import { isThirdParty } from './site-of.js';

/** Classifies what a pass records on one site. */
export interface Classifier {
  host(host: string): Classification;
  cookie(name: string, domain: string): Classification;
  storageKey(key: string): Classification;
}

/** `*` matches any run of characters, as in the config (src/internal/glob.ts). */
function globMatches(globs: readonly string[], value: string): boolean {
  return globs.some((glob) => new RegExp(`^${glob.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`).test(value));
}

/** A config host: exact, or `*.example.com` for its subdomains (and, as the gates do, example.com itself). */
function hostMatches(patterns: readonly string[], host: string): boolean {
  return patterns.some((pattern) => {
    if (pattern.startsWith('*.')) {
      const base = pattern.slice(2);
      return host === base || host.endsWith(`.${base}`);
    }
    return host === pattern;
  });
}

const fromConfig = (category: DeclaredCategory, service: DeclaredService): Classification => ({
  verdict: category.necessary ? 'necessary' : 'optional',
  source: 'config',
  category: category.id,
  service: service.id,
  marketing: !category.necessary && category.marketing,
});

/**
 * A classifier for the site at `pageHost`.
 * @example createClassifier(declarations, 'shop.example').host('www.google-analytics.com').verdict // 'optional'
 */
export function createClassifier(declarations: SiteDeclarations, pageHost: string): Classifier {
  const find = (matches: (service: DeclaredService) => boolean): Classification | null => {
    // Optional declarations first: a host a necessary service shares with a gated one is still gated.
    const ordered = [...declarations.categories].sort((a, b) => Number(a.necessary) - Number(b.necessary));
    for (const category of ordered) for (const service of category.services) if (matches(service)) return fromConfig(category, service);
    return null;
  };
  const database = (entry: ReturnType<typeof lookupCookie>): Classification | null =>
    entry && {
      verdict: entry.optional ? 'optional' : 'necessary',
      source: 'open-cookie-database',
      category: entry.category,
      service: entry.platform,
      marketing: entry.category === 'Marketing',
    };
  const unknown: Classification = { verdict: 'unknown', source: 'none', marketing: false };
  return {
    host(host) {
      const declared = find((service) => hostMatches(service.hosts, host));
      if (declared) return declared;
      if (!isThirdParty(host, pageHost)) return { verdict: 'necessary', source: 'first-party', marketing: false };
      return database(lookupHost(host)) ?? unknown;
    },
    cookie(name, domain) {
      if (name === declarations.cookieName && !isThirdParty(domain, pageHost)) return { verdict: 'necessary', source: 'consent-cookie', marketing: false };
      return find((service) => globMatches(service.cookies, name)) ?? database(lookupCookie(name, domain)) ?? unknown;
    },
    storageKey(key) {
      return find((service) => globMatches(service.storage, key)) ?? unknown;
    },
  };
}
