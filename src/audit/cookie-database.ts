/**
 * Lookups in the Open Cookie Database (Apache-2.0; see NOTICE), normalised at
 * development time by scripts/build-cookie-table.mjs into
 * open-cookie-database.json. Necessary, Security and Functional count as
 * needing no consent; Analytics, Marketing and Personalization as needing it.
 * A name the database gives contradicting categories stays unknown.
 */
import table from './open-cookie-database.json' with { type: 'json' };

/** What the database says about a cookie or host. */
export interface DatabaseEntry {
  /** The database's category, e.g. `Analytics`. */
  category: string;
  /** The platform that sets it, e.g. `Google Analytics`. */
  platform: string;
  /** Whether it needs consent. */
  optional: boolean;
}

type Row = [name: string, category: number, platform: number, prefix: number, domains: string[]];

const OPTIONAL = new Set(['Analytics', 'Marketing', 'Personalization']);
const rows = table.cookies as Row[];
const exact = new Map<string, Row[]>();
const prefixes: Row[] = [];
const byDomain = new Map<string, Row[]>();
for (const row of rows) {
  if (row[3]) prefixes.push(row);
  else exact.set(row[0], [...(exact.get(row[0]) ?? []), row]);
  for (const domain of row[4]) byDomain.set(domain, [...(byDomain.get(domain) ?? []), row]);
}

const toEntry = (row: Row): DatabaseEntry => {
  const category = table.categories[row[1]] ?? 'unknown';
  return { category, platform: table.platforms[row[2]] ?? 'unknown', optional: OPTIONAL.has(category) };
};

const domainMatches = (host: string, domain: string): boolean => host === domain || host.endsWith(`.${domain}`);

/** One answer when the rows agree on whether consent is needed, else none. */
function agree(candidates: readonly Row[]): DatabaseEntry | null {
  const entries = candidates.map(toEntry);
  if (!entries.length) return null;
  const first = entries[0]!;
  return entries.every((entry) => entry.optional === first.optional) ? first : null;
}

/**
 * The database's entry for a cookie: an exact name before a wildcard prefix,
 * and among several rows of that name those whose domain matches.
 * @example lookupCookie('_ga', '.example.com') // { category: 'Analytics', platform: 'Google Analytics', optional: true }
 */
export function lookupCookie(name: string, domain: string): DatabaseEntry | null {
  const host = domain.replace(/^\./, '').toLowerCase();
  let candidates = exact.get(name) ?? prefixes.filter((row) => name.startsWith(row[0]));
  const onDomain = candidates.filter((row) => row[4].some((d) => domainMatches(host, d)));
  if (onDomain.length) candidates = onDomain;
  return agree(candidates);
}

/**
 * The database's entry for a request host, from the domains its cookies are
 * set on; only answers that a host needs consent, never that it does not
 * (a platform's functional cookie says nothing about its other requests).
 * @example lookupHost('stats.g.doubleclick.net') // { category: 'Marketing', … }
 */
export function lookupHost(host: string): DatabaseEntry | null {
  const labels = host.toLowerCase().split('.');
  for (let i = 0; i < labels.length - 1; i++) {
    const found = agree(byDomain.get(labels.slice(i).join('.')) ?? []);
    if (found) return found.optional ? found : null;
  }
  return null;
}

/** Rows in the table, for the report's notes. */
export const DATABASE_SIZE = rows.length;
