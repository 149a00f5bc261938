/**
 * Prints raw / gzip / brotli bytes of each browser bundle and fails when a
 * budget is exceeded. Budgets are brotli bytes, as the README states them.
 *   node scripts/size.mjs            check
 *   node scripts/size.mjs --json     machine-readable
 */
import { readFileSync, existsSync, readdirSync } from 'node:fs';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';

/** The file names of the script-tag build (the same list the build and the head script's loader read). */
const CHUNKS = JSON.parse(readFileSync(new URL('../src/entries/chunk-files.json', import.meta.url), 'utf8'));
const dist = (name) => `dist/${CHUNKS[name]}`;

export const BUDGETS = {
  // What every visitor pays on every page, before anything else: the consent state, the decision
  // cookie, the proof store, the gates, what a decision does (Consent Mode, finding leftovers) and
  // the settings button, so a returning visitor's page needs no other request. The target is 5 KB.
  [dist('head')]: 7.4 * 1024,
  // A layer asked for (first visit, settings opened): Lit's renderer, the banner and its English texts.
  [dist('ui')]: 7.5 * 1024,
  // The rest of the script-tag build, each loaded only when needed.
  [dist('validate')]: 10.5 * 1024,
  [dist('gates')]: 3.25 * 1024,
  // The proof sender also sends the sentinel's leak reports (to `leaks` next to the endpoint).
  [dist('proof')]: 1.5 * 1024,
  // The sentinel, and since leak reports: each detection's report (consent state, the host's
  // service from the config) stored in the queue for the proof sender. The head script is unchanged.
  [dist('sentinel')]: 3.75 * 1024,
};

/** Each locale other than English is a chunk of its own, fetched only for that language. */
const LOCALE_CHUNK = /^samtycke-ui-(?!preferences-)[a-z]{2,3}-[\w-]+\.js$/
const LOCALE_BUDGET = 1.1 * 1024;
const localeChunks = () => (existsSync('dist') ? readdirSync('dist').filter((name) => LOCALE_CHUNK.test(name)).map((name) => `dist/${name}`) : []);
/** The preferences layer, split off the UI chunk and loaded when opened. */
const PREFERENCES_CHUNK = /^samtycke-ui-preferences-[\w-]+\.js$/;
const preferencesChunk = () => (existsSync('dist') ? readdirSync('dist').filter((name) => PREFERENCES_CHUNK.test(name)).map((name) => `dist/${name}`) : []);
for (const file of preferencesChunk()) BUDGETS[file] = 4 * 1024;
for (const file of localeChunks()) BUDGETS[file] = LOCALE_BUDGET;

export function measure(file) {
  const bytes = readFileSync(file);
  return {
    file,
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}

/** What must never reach the head script: Lit, zod, banner UI, development warnings. */
const NEVER_IN_HEAD = [/lit-html|LitElement|ReactiveElement/, /zod|ZodError|\$ZodType/, /samtycke-banner|Accept all|Reject all/, /README\.md#warning-/];

const FILES = [dist('head'), dist('ui'), ...preferencesChunk(), dist('validate'), dist('gates'), dist('proof'), dist('sentinel'), ...localeChunks(), 'dist/esm/index.js', 'dist/esm/ui.js'];

if (import.meta.url === `file://${process.argv[1]}`) {
  const rows = FILES.filter((file) => existsSync(file)).map(measure);
  if (rows.length === 0) {
    console.error('No bundles in dist/: run `npm run build` first.');
    process.exit(1);
  }
  if (process.argv.includes('--json')) {
    console.log(JSON.stringify(rows, null, 2));
  } else {
    const kb = (n) => `${(n / 1024).toFixed(2)} KB`;
    console.log(`${'bundle'.padEnd(36)}${'raw'.padStart(11)}${'gzip'.padStart(11)}${'brotli'.padStart(11)}${'budget'.padStart(11)}`);
    for (const row of rows) {
      const budget = BUDGETS[row.file];
      console.log(`${row.file.padEnd(36)}${kb(row.raw).padStart(11)}${kb(row.gzip).padStart(11)}${kb(row.brotli).padStart(11)}${(budget ? kb(budget) : '-').padStart(11)}`);
    }
  }
  const head = readFileSync(dist('head'), 'utf8');
  const leaks = NEVER_IN_HEAD.filter((pattern) => pattern.test(head));
  for (const pattern of leaks) console.error(`${dist('head')} contains code that belongs in the lazy chunk: ${pattern}`);
  const headRow = rows.find((row) => row.file === dist('head'));
  const chunk = rows.find((row) => row.file === dist('ui'));
  if (headRow && chunk && !process.argv.includes('--json')) console.log(`first visit (head + UI chunk, English): ${((headRow.brotli + chunk.brotli) / 1024).toFixed(2)} KB brotli`);
  const over = rows.filter((row) => BUDGETS[row.file] && row.brotli > BUDGETS[row.file]);
  for (const row of over) console.error(`Over budget: ${row.file} is ${row.brotli} B brotli, budget ${BUDGETS[row.file]} B.`);
  const missing = Object.keys(BUDGETS).filter((file) => !existsSync(file));
  for (const file of missing) console.error(`Missing bundle with a budget: ${file}`);
  process.exit(over.length || missing.length || leaks.length ? 1 : 0);
}
