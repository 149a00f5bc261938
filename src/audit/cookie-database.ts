/**
 * Lookups in the Open Cookie Database (Apache-2.0; see NOTICE), normalised at
 * development time by scripts/build-cookie-table.mjs into
 * open-cookie-database.json. Necessary, Security and Functional count as
 * needing no consent; Analytics, Marketing and Personalization as needing it.
 * A cookie name the database gives contradicting categories stays unknown.
 * Hosts are coarser: the database lists cookies, not requests (see lookupHost).
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

/** Share of rows that need consent, per platform: how much of what a platform sets is tracking. */
const platformShare = new Map<number, number>();
{
  const counts = new Map<number, [number, number]>();
  for (const row of rows) {
    const [optional, all] = counts.get(row[2]) ?? [0, 0];
    counts.set(row[2], [optional + (OPTIONAL.has(table.categories[row[1]] ?? '') ? 1 : 0), all + 1]);
  }
  for (const [platform, [optional, all]] of counts) platformShare.set(platform, optional / all);
}

/** A domain needs consent when this share of its rows, or of its platforms' rows, does. */
const HOST_SHARE = 0.85;

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
 * set on (the host or a parent domain). It only answers that a host needs
 * consent, never that it does not, and only when at least 85 % of the
 * database's cookies on that domain need consent (doubleclick.net,
 * facebook.com, google.com), or every platform setting cookies there is at
 * least 85 % tracking (google-analytics.com: Google Analytics).
 * @example lookupHost('stats.g.doubleclick.net') // { category: 'Marketing', platform: 'DoubleClick/Google Marketing', optional: true }
 */
export function lookupHost(host: string): DatabaseEntry | null {
  const labels = host.toLowerCase().split('.');
  for (let i = 0; i < labels.length - 1; i++) {
    const candidates = byDomain.get(labels.slice(i).join('.')) ?? [];
    if (!candidates.length) continue;
    const entries = candidates.map(toEntry);
    const tracking = entries.filter((entry) => entry.optional);
    const byShare = candidates.length >= 2 && tracking.length / candidates.length >= HOST_SHARE;
    const byPlatform = candidates.every((row) => (platformShare.get(row[2]) ?? 0) >= HOST_SHARE);
    if (!tracking.length || !(byShare || byPlatform)) return null;
    // The category most of its tracking cookies have.
    const counts = new Map<string, number>();
    for (const entry of tracking) counts.set(entry.category, (counts.get(entry.category) ?? 0) + 1);
    const category = [...counts].sort((a, b) => b[1] - a[1])[0]![0];
    return tracking.find((entry) => entry.category === category)!;
  }
  return null;
}

/** Rows in the table, for the report's notes. */
export const DATABASE_SIZE = rows.length;
