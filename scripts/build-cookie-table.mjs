/**
 * Normalises the Open Cookie Database (Apache-2.0) into the compact table that
 * `samtycke audit` classifies cookies and hosts with:
 *
 *   node scripts/build-cookie-table.mjs path/to/open-cookie-database.csv
 *
 * writes src/audit/open-cookie-database.json. The table is committed, so a build
 * never needs the CSV and a change of the data shows in review as a diff. Keep
 * NOTICE and src/audit/open-cookie-database.LICENSE.txt with it.
 *
 * Kept per row: the name (a prefix when the database marks it as a wildcard),
 * the category, the platform and the domains it is set on. Dropped: the
 * description, retention text, controller and privacy links, which the audit
 * does not use.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';

/** The database's categories, in the order the table refers to them by index. */
export const CATEGORIES = ['Necessary', 'Functional', 'Security', 'Personalization', 'Analytics', 'Marketing'];

/** "doubleclick.net (3rd party)", ".bing.com (3rd party) or .microsoft.com (3rd party)" → bare host names. */
export function domainsOf(text) {
  return text
    .toLowerCase()
    .replace(/\(3rd party\)/g, ' ')
    .split(/\s+or\s+|[\s,;/]+/)
    .map((part) => part.replace(/^\*?\.+/, '').replace(/\.+$/, ''))
    .filter((part) => /^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(part));
}

/**
 * Builds the table from the CSV text.
 * @returns {{ format: 1, source: string, sha256: string, categories: string[], platforms: string[],
 *   cookies: [name: string, category: number, platform: number, prefix: 0 | 1, domains: string[]][] }}
 */
export function buildCookieTable(csv) {
  const rows = parse(csv, { columns: true, skip_empty_lines: true, trim: true });
  const platforms = [];
  const platformIndex = new Map();
  const cookies = [];
  const seen = new Set();
  for (const row of rows) {
    const name = row['Cookie / Data Key name'];
    const category = CATEGORIES.indexOf(row.Category);
    if (!name || category < 0) continue;
    const platform = row.Platform || 'unknown';
    if (!platformIndex.has(platform)) {
      platformIndex.set(platform, platforms.length);
      platforms.push(platform);
    }
    const entry = [name, category, platformIndex.get(platform), row['Wildcard match'] === '1' ? 1 : 0, domainsOf(row.Domain ?? '')];
    const key = JSON.stringify(entry);
    if (seen.has(key)) continue;
    seen.add(key);
    cookies.push(entry);
  }
  cookies.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1]));
  return {
    format: 1,
    source: 'Open Cookie Database (Apache-2.0), open-cookie-database.csv',
    sha256: createHash('sha256').update(csv).digest('hex'),
    categories: CATEGORIES,
    platforms,
    cookies,
  };
}

/** One row per line: small diffs when the database changes. */
export function formatCookieTable(table) {
  const { cookies, ...head } = table;
  const lines = cookies.map((entry) => `    ${JSON.stringify(entry)}`);
  const top = JSON.stringify(head, null, 2).replace(/\n}$/, '');
  return `${top},\n  "cookies": [\n${lines.join(',\n')}\n  ]\n}\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const input = process.argv[2];
  if (!input) {
    process.stderr.write('usage: node scripts/build-cookie-table.mjs path/to/open-cookie-database.csv\n');
    process.exit(2);
  }
  const table = buildCookieTable(readFileSync(input, 'utf8'));
  const out = fileURLToPath(new URL('../src/audit/open-cookie-database.json', import.meta.url));
  writeFileSync(out, formatCookieTable(table));
  process.stdout.write(`${table.cookies.length} cookies from ${table.platforms.length} platforms → ${out}\n`);
}
