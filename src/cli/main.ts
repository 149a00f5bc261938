/**
 * The `samtycke` command line. Arguments are read with `node:util`'s
 * `parseArgs` (strict: an unknown option is a usage error). Exit status:
 * 0 success, 1 a failed check or a failure while running (`verify` found a
 * break, `audit` a *must* finding, the database is unreachable), 2 a usage error.
 */
import { createWriteStream, readFileSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { createCollector } from '../collector/collector.js';
import { readEnvOptions } from '../collector/env-options.js';
import { exportLines } from '../collector/export-format.js';
import { parseCheckpoint } from '../collector/checkpoint.js';
import { DEFAULT_SQLITE_PATH, migrateStore, openStore, type StoreOptions } from '../collector/open-store.js';
import type { ProofStore } from '../collector/proof-store.js';
import { applyRetention } from '../collector/retention.js';
import { generateNoteKey, openNote, parseVerifierKey } from '../collector/signed-note.js';
import { verifyChain } from '../collector/verify-chain.js';
import { verifyRegister } from '../collector/verify-register.js';
import { checkConfigText, stampPage } from './check.js';

const USAGE = `Usage: samtycke <command> [options]

Commands:
  check    Validate configs, stamp pages    <file.html|file.json …> [--write]
           exit 0 = valid (prints each stamp), 1 = a config has problems
  migrate  Bring the database to this version's schema   [--db ${DEFAULT_SQLITE_PATH}] [--chains N (PostgreSQL)]
  serve    Run the proof collector        [--port 8787] [--host 127.0.0.1] [--db …]
           (SQLite is migrated at start; PostgreSQL must be migrated first)
  verify   Recompute every hash chain (proofs, incident register) from one snapshot   [--db …] [--checkpoint FILE [--key VERIFIER-KEY]…]
           exit 0 = intact (and consistent with the checkpoint), 1 = broken
  export   Write records of a period       [--db …] [--from ISO] [--to ISO] [--format ndjson|csv] [--out file]
  retain   Delete records past retention   [--db …] [--months 19]
  keygen   Make a checkpoint signing key   --name ORIGIN [--out FILE]  (prints the verifier key)
  audit    Check what a page sets and sends before and after consent   <url>
           [--accept CSS] [--reject CSS] [--settings CSS]  another consent tool's controls
           [--consent-cookie NAME] [--config samtycke-config.json] [--pages 3]
           [--json] [--report DIR] [--baseline report.json]
           exit 0 = no must finding, 1 = a must finding (details: docs/audit.md)

Exit status: 0 success, 1 a failed check or an error while running, 2 a usage error.

Environment:
  DATABASE_URL=postgres://…   use PostgreSQL instead of the SQLite file
  SAMTYCKE_ADMIN_TOKEN        bearer token for the read endpoints (unset: reads disabled)
  SAMTYCKE_CORS_ORIGINS       comma-separated origins allowed to post proofs
  SAMTYCKE_IP_MODE            none (default) | truncate (/24, /48)
  SAMTYCKE_TRUST_PROXY        proxies trusted to append X-Forwarded-For: a hop count (1) or addresses/CIDRs (10.0.0.0/8,::1)
  SAMTYCKE_RATE_BURST, SAMTYCKE_RATE_PER_SECOND   per-client rate limit (default 60, 10; 0 = off)
  SAMTYCKE_RETENTION_MONTHS   months records are kept after receipt (default 19)
  SAMTYCKE_CHECKPOINT_KEY_FILE  signer key(s) from \`samtycke keygen\`, one per line: sign checkpoints
  SAMTYCKE_CHECKPOINT_SECONDS   seconds between checkpoints (default 60)
  SAMTYCKE_DECISION_COOKIE      the site's decision cookie name: renew it with Set-Cookie (same-origin collector only)
  SAMTYCKE_DECISION_COOKIE_DAYS the site's retention in days (default 182); also _PATH, _DOMAIN, _SAMESITE, _SECURE
  SAMTYCKE_OPERATOR_TYPE        ecs | other: ecs adds PTS's 24-hour and 3-day deadlines to incidents
  SAMTYCKE_CONTROLLER, SAMTYCKE_INCIDENT_CONTACT   named in incident exports
  SAMTYCKE_INCIDENT_WEBHOOK     URL POSTed an alert when an incident opens or a deadline is 6 h away (_SECRET signs it)
  SAMTYCKE_INCIDENT_EMAIL_TO, _FROM   e-mail the same alerts (nodemailer: SAMTYCKE_SENDMAIL path or SAMTYCKE_SMTP_URL)
  SAMTYCKE_PUBLIC_URL           the collector's public address, for links in alerts
  CHROME_PATH                 the Chromium that audit drives (default /usr/bin/chromium)
`;

/** Exit statuses of the command line. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

/** A mistake in the command line itself: exit status 2 with the usage text. */
export class UsageError extends Error {
  override name = 'UsageError';
}

type Flags = Map<string, string>;
type Lists = Map<string, string[]>;

const OPTIONS = {
  port: { type: 'string' },
  host: { type: 'string' },
  db: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  format: { type: 'string' },
  out: { type: 'string' },
  months: { type: 'string' },
  write: { type: 'boolean' },
  accept: { type: 'string' },
  reject: { type: 'string' },
  settings: { type: 'string' },
  'consent-cookie': { type: 'string' },
  config: { type: 'string' },
  pages: { type: 'string' },
  json: { type: 'boolean' },
  report: { type: 'string' },
  baseline: { type: 'string' },
  chains: { type: 'string' },
  checkpoint: { type: 'string' },
  key: { type: 'string', multiple: true },
  name: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} satisfies ParseArgsConfig['options'];

/** Which options each command takes. */
const COMMAND_OPTIONS: Readonly<Record<string, readonly string[]>> = {
  check: ['write'],
  migrate: ['db', 'chains'],
  serve: ['port', 'host', 'db'],
  verify: ['db', 'checkpoint', 'key'],
  keygen: ['name', 'out'],
  export: ['db', 'from', 'to', 'format', 'out'],
  retain: ['db', 'months'],
  audit: ['accept', 'reject', 'settings', 'consent-cookie', 'config', 'pages', 'json', 'report', 'baseline'],
};

/** Commands that take positional arguments, and how many: `audit <url>`, `check <file …>`. */
const POSITIONAL: Readonly<Record<string, 'one' | 'many'>> = { audit: 'one', check: 'many' };

function readArgs(argv: readonly string[]): { command: string | undefined; positional: string[]; flags: Flags; lists: Lists; help: boolean } {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const [command, ...positional] = parsed.positionals;
  const takes = command ? POSITIONAL[command] : undefined;
  const extra = takes === 'many' ? [] : takes === 'one' ? positional.slice(1) : positional;
  if (extra.length) throw new UsageError(`unexpected argument "${extra[0]}"`);
  const flags: Flags = new Map();
  const lists: Lists = new Map();
  for (const [name, value] of Object.entries(parsed.values)) {
    if (typeof value === 'string') flags.set(name, value);
    else if (Array.isArray(value)) lists.set(name, value);
    else if (value === true && name !== 'help') flags.set(name, 'true');
  }
  const known = command ? COMMAND_OPTIONS[command] : undefined;
  if (known) for (const name of [...flags.keys(), ...lists.keys()]) if (!known.includes(name)) throw new UsageError(`${command} takes no --${name}`);
  return { command, positional, flags, lists, help: parsed.values.help === true };
}

function storeOptions(db: string | undefined, extra: Partial<StoreOptions> = {}): StoreOptions {
  return { databaseUrl: readEnvOptions().databaseUrl, sqlitePath: db, ...extra };
}

async function withStore<T>(options: StoreOptions, work: (store: ProofStore) => Promise<T>): Promise<T> {
  const store = await openStore(options);
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

function parsePort(value: string | undefined): number {
  const port = Number(value ?? '8787');
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be 0–65535, got "${value}"`);
  return port;
}

async function serve(flags: Flags): Promise<number> {
  const env = readEnvOptions();
  const port = parsePort(flags.get('port'));
  const options = storeOptions(flags.get('db'));
  // The embedded SQLite file serves one process, so serving it may migrate it; a shared
  // PostgreSQL is migrated deliberately, with `samtycke migrate`, before collectors start.
  if (!env.databaseUrl) {
    const { applied } = await migrateStore(options);
    if (applied.length) process.stdout.write(`migrated ${options.sqlitePath ?? DEFAULT_SQLITE_PATH}: ${applied.join(', ')}\n`);
  }
  const store = await openStore(options);
  const collector = createCollector({ store, ...env });
  const bound = await collector.start(port, flags.get('host') ?? '127.0.0.1');
  const where = env.databaseUrl ? 'PostgreSQL' : (flags.get('db') ?? DEFAULT_SQLITE_PATH);
  process.stdout.write(`samtycke collector listening on http://${flags.get('host') ?? '127.0.0.1'}:${bound} (${store.kind}: ${where})\n`);
  if (!env.adminToken) process.stdout.write('read endpoints disabled: SAMTYCKE_ADMIN_TOKEN is not set\n');
  const signal = await Promise.race([once(process, 'SIGINT'), once(process, 'SIGTERM')]);
  process.stdout.write(`received ${String(signal[0] ?? 'signal')}, closing\n`);
  await collector.close();
  await store.close();
  return EXIT.ok;
}

async function migrate(flags: Flags): Promise<number> {
  const raw = flags.get('chains');
  const chains = raw === undefined ? undefined : Number(raw);
  if (chains !== undefined && (!Number.isInteger(chains) || chains < 1)) throw new UsageError(`--chains must be a whole number ≥ 1, got "${raw}"`);
  let result;
  try {
    result = await migrateStore(storeOptions(flags.get('db')), chains === undefined ? {} : { chains });
  } catch (error) {
    if (error instanceof RangeError) throw new UsageError(error.message);
    throw error;
  }
  process.stdout.write(
    `${result.applied.length ? `applied ${result.applied.join(', ')}` : 'schema already current'}; ${result.chains} chain${result.chains === 1 ? '' : 's'}\n`,
  );
  return EXIT.ok;
}

function readCheckpointFile(file: string, keys: readonly string[]) {
  let note: string;
  try {
    note = readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`--checkpoint: cannot read ${file}: ${(error as Error).message}`);
  }
  let verifiers;
  try {
    verifiers = keys.map((key) => parseVerifierKey(key));
  } catch (error) {
    throw new UsageError(`--key: ${(error as Error).message}`);
  }
  const opened = openNote(note, verifiers);
  return { checkpoint: parseCheckpoint(opened.text), verifiedBy: opened.verifiedBy };
}

async function verify(flags: Flags, lists: Lists): Promise<number> {
  const file = flags.get('checkpoint');
  const keys = lists.get('key') ?? [];
  if (keys.length && !file) throw new UsageError('--key goes with --checkpoint');
  let given: ReturnType<typeof readCheckpointFile> | undefined;
  if (file) {
    try {
      given = readCheckpointFile(file, keys);
    } catch (error) {
      if (error instanceof UsageError) throw error;
      process.stdout.write(`BROKEN: the checkpoint in ${file} is not valid: ${(error as Error).message}\n`);
      return EXIT.failed;
    }
  }
  return withStore(storeOptions(flags.get('db'), { readonly: true, poolSize: 1 }), async (store) => {
    const result = await verifyChain(store, given ? { checkpoint: given.checkpoint } : {});
    const register = await verifyRegister(store.incidents);
    // After the proof log's lines, which scripts read first.
    const registerLine = register.ok
      ? `OK: incident register: ${register.entries} entries, ${register.incidents} incidents, intact\n`
      : `BROKEN in the incident register at ${register.position ? `entry ${register.position}` : 'its incidents'}${register.incidentId ? ` (incident ${register.incidentId})` : ''}: ${register.reason}\n`;
    if (result.ok) {
      const anchored = result.chains.filter((state) => state.anchorPosition > 0).length;
      const from = anchored ? ` (${anchored} from their retention anchor)` : '';
      process.stdout.write(
        `OK: ${result.count} records in ${result.chains.length} chain${result.chains.length === 1 ? '' : 's'}, intact${from}; tree size ${result.treeSize}; ${result.texts} texts\n`,
      );
      if (given) {
        const signed = given.verifiedBy.length ? `signed by ${given.verifiedBy.join(', ')}` : 'SIGNATURE NOT CHECKED (give --key)';
        const cut = result.checkpointHeadsCut ? `; ${result.checkpointHeadsCut} of its chain heads were since cut by retention` : '';
        process.stdout.write(`OK: the log still holds everything the checkpoint of size ${given.checkpoint.treeSize} committed to (${signed})${cut}\n`);
      }
      process.stdout.write(registerLine);
      return register.ok ? EXIT.ok : EXIT.failed;
    }
    const where = result.chain >= 0 ? `chain ${result.chain} position ${result.position}` : 'the text archive';
    const which = result.recordId ? `${where} (record ${result.recordId})` : where;
    process.stdout.write(`BROKEN at ${which}: ${result.reason}; ${result.count} rows before it are intact\n`);
    process.stdout.write(registerLine);
    return EXIT.failed;
  });
}

async function keygen(flags: Flags): Promise<number> {
  const name = flags.get('name');
  if (!name) throw new UsageError('keygen needs --name, the log origin, e.g. shop.example/consent-log');
  let keys;
  try {
    keys = generateNoteKey(name);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const out = flags.get('out');
  if (out) {
    writeFileSync(out, `${keys.signerKey}\n`, { mode: 0o600, flag: 'wx' });
    process.stdout.write(`signer key written to ${out} (keep it secret)\nverifier key: ${keys.verifierKey}\n`);
  } else {
    process.stdout.write(`${keys.signerKey}\n`);
    process.stderr.write(`verifier key: ${keys.verifierKey}\n`);
  }
  return EXIT.ok;
}

async function exportCommand(flags: Flags): Promise<number> {
  const format = flags.get('format') ?? 'ndjson';
  if (format !== 'ndjson' && format !== 'csv') throw new UsageError('--format must be ndjson or csv');
  const date = (name: string, fallback: string): string => {
    const value = flags.get(name);
    if (value === undefined) return fallback;
    const time = Date.parse(value);
    if (Number.isNaN(time)) throw new UsageError(`--${name} must be an ISO-8601 date, got "${value}"`);
    return new Date(time).toISOString();
  };
  const from = date('from', '0000-01-01T00:00:00.000Z');
  const to = date('to', '9999-12-31T23:59:59.999Z');
  const outPath = flags.get('out');
  const out = outPath ? createWriteStream(outPath) : process.stdout;
  return withStore(storeOptions(flags.get('db')), async (store) => {
    for await (const chunk of exportLines((after, limit) => store.readPeriod(from, to, after, limit), format)) {
      if (!out.write(chunk)) await once(out, 'drain');
    }
    if (outPath) {
      out.end();
      await once(out, 'finish');
    }
    return EXIT.ok;
  });
}

async function retain(flags: Flags): Promise<number> {
  const months = Number(flags.get('months') ?? readEnvOptions().retentionMonths);
  if (!Number.isFinite(months) || months <= 0) throw new UsageError('--months must be a positive number');
  return withStore(storeOptions(flags.get('db')), async (store) => {
    await store.maintain(new Date());
    const result = await applyRetention(store, months);
    process.stdout.write(
      result.deleted > 0
        ? `deleted ${result.deleted} records received before ${result.cutBefore}; ${result.anchors.length} chains anchored at the cut\n`
        : 'nothing to delete\n',
    );
    return EXIT.ok;
  });
}

/** Reads the audit's arguments; the run itself is in audit-command.ts. */
async function auditCommand(url: string | undefined, flags: Flags): Promise<number> {
  if (!url) throw new UsageError('audit needs the URL of a page, e.g. samtycke audit http://localhost:8080/');
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UsageError(`"${url}" is not a URL`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new UsageError(`audit takes an http or https URL, not ${parsed.protocol}`);
  const pages = Number(flags.get('pages') ?? '3');
  if (!Number.isInteger(pages) || pages < 1 || pages > 50) throw new UsageError('--pages must be a whole number from 1 to 50');
  for (const name of ['accept', 'reject', 'settings', 'consent-cookie']) if (flags.get(name)?.trim() === '') throw new UsageError(`--${name} is empty`);
  // Loaded only for this command: the collector's commands never load the browser driver or the cookie table.
  const { audit } = await import('./audit-command.js');
  const failed = await audit({
    url: parsed.href,
    pages,
    json: flags.has('json'),
    accept: flags.get('accept'),
    reject: flags.get('reject'),
    settings: flags.get('settings'),
    consentCookie: flags.get('consent-cookie'),
    configFile: flags.get('config'),
    reportDir: flags.get('report'),
    baselineFile: flags.get('baseline'),
  });
  return failed ? EXIT.failed : EXIT.ok;
}

/** `samtycke check`: each file's problems, or its stamp (written into an HTML page with --write). */
function check(files: readonly string[], write: boolean): number {
  if (!files.length) throw new UsageError('check needs at least one file');
  let failed = false;
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const html = /\.html?$/i.test(file);
    const page = html ? stampPage(text) : undefined;
    const result = page ?? checkConfigText(text);
    if (!result.ok) {
      failed = true;
      process.stdout.write(`${file}: ${result.issues.length === 1 ? '1 problem' : `${result.issues.length} problems`}\n${result.issues.map((issue) => `  - ${issue.path || '(root)'}: ${issue.message}\n`).join('')}`);
      continue;
    }
    if (page && write && page.html !== text) writeFileSync(file, page.html);
    process.stdout.write(`${file}: valid; data-stamp="${result.stamp}"${html && write ? ' (written)' : ''}; smallest head script for it: ${result.head}\n`);
  }
  return failed ? EXIT.failed : EXIT.ok;
}

/**
 * Runs the `samtycke` command line and resolves with the exit status:
 * 0 success, 1 a failed check or a failure while running, 2 a usage error.
 * @example process.exitCode = await main(process.argv.slice(2));
 */
export async function main(argv: readonly string[]): Promise<number> {
  try {
    const { command, positional, flags, lists, help } = readArgs(argv);
    if (help || command === 'help') {
      process.stdout.write(USAGE);
      return EXIT.ok;
    }
    if (!command) throw new UsageError('no command given');
    switch (command) {
      case 'check':
        return check(positional, flags.has('write'));
      case 'migrate':
        return await migrate(flags);
      case 'serve':
        return await serve(flags);
      case 'verify':
        return await verify(flags, lists);
      case 'keygen':
        return await keygen(flags);
      case 'export':
        return await exportCommand(flags);
      case 'retain':
        return await retain(flags);
      case 'audit':
        return await auditCommand(positional[0], flags);
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`samtycke: ${error.message}\n\n${USAGE}`);
      return EXIT.usage;
    }
    process.stderr.write(`samtycke: ${(error as Error).message}\n`);
    return EXIT.failed;
  }
}
