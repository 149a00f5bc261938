// Load benchmark for the proof collector on loopback. Part 1: one collector process, single
// records and batches, on SQLite and PostgreSQL. Part 2: N = 1, 2, 4 collector processes on one
// PostgreSQL (16 chains), 16 concurrent clients spread over them, batches of 50. Bounded in
// request count and time. Request bodies are made before each run, so the load generator spends
// its time sending. Prints markdown tables and fails (exit 1) if any acknowledged record is
// missing afterwards or a chain does not verify.
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { migrateStore, openStore } from '../dist/collector/collector/open-store.js';
import { verifyChain } from '../dist/collector/collector/verify-chain.js';
import { makeRecord, spawnCollector } from '../test/collector/helpers/fixtures.mjs';
import { startPostgres } from '../test/collector/helpers/throwaway-postgres.mjs';

const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const MAX_SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CHAINS = Number(process.env.BENCH_CHAINS ?? 16);
const PROCESSES = (process.env.BENCH_PROCESSES ?? '1,2,4').split(',').map(Number);
const SCENARIOS = [
  { name: 'single', batch: 1, requests: Number(process.env.BENCH_SINGLE_REQUESTS ?? 3000) },
  { name: 'batch of 50', batch: 50, requests: Number(process.env.BENCH_BATCH_REQUESTS ?? 300) },
];
const SCALE_REQUESTS = Number(process.env.BENCH_SCALE_REQUESTS ?? 1200);
// The machine is shared: rounds alternate 1, 2, 4, 1, 2, 4, … so a change of background load hits
// every N alike, and each N reports its median round.
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** Sends `requests` prepared bodies with CONCURRENCY clients, client i to bases[i % bases.length]. */
async function load(bases, batch, requests) {
  const bodies = Array.from({ length: requests }, () => {
    const records = Array.from({ length: batch }, () => makeRecord());
    return JSON.stringify(batch === 1 ? records[0] : records);
  });
  const latencies = [];
  const acknowledged = [];
  let errors = 0;
  let next = 0;
  const deadline = performance.now() + MAX_SECONDS * 1000;
  const started = performance.now();
  async function worker(index) {
    const base = bases[index % bases.length];
    while (next < bodies.length && performance.now() < deadline) {
      const body = bodies[next++];
      const t0 = performance.now();
      try {
        const response = await fetch(`${base}/v1/proofs`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
        const json = await response.json();
        latencies.push(performance.now() - t0);
        if (response.status === 200) acknowledged.push(...json.stored);
        else errors += 1;
      } catch {
        errors += 1;
      }
    }
  }
  await Promise.all(Array.from({ length: CONCURRENCY }, (_, index) => worker(index)));
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    errors,
    seconds,
    rps: latencies.length / seconds,
    recordsPerSecond: acknowledged.length / seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    acknowledged,
  };
}

/** Counts acknowledged ids missing from the store and verifies every chain. */
async function check(storeOptions, rows) {
  const store = await openStore(storeOptions);
  try {
    for (const row of rows) {
      let lost = 0;
      for (const id of row.acknowledged) if (!(await store.findByRecordId(id))) lost += 1;
      row.lost = lost;
    }
    const verified = await verifyChain(store);
    for (const row of rows) row.chain = verified.ok ? 'OK' : `BROKEN: ${verified.reason}`;
  } finally {
    await store.close();
  }
}

async function benchSingleProcess(label, storeOptions, cliArgs, env) {
  const rows = [];
  const collector = await spawnCollector(cliArgs, env);
  try {
    for (const scenario of SCENARIOS) rows.push({ label, scenario: scenario.name, ...(await load([collector.base], scenario.batch, scenario.requests)) });
  } finally {
    collector.child.kill('SIGTERM');
    await collector.exited;
  }
  await check(storeOptions, rows);
  return rows;
}

/** N collector processes on a fresh database of the same server. */
async function benchProcesses(serverUrl, processes) {
  const name = `samtycke_bench_${processes}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();
  await migrateStore({ databaseUrl }, { chains: CHAINS });
  const collectors = await Promise.all(Array.from({ length: processes }, () => spawnCollector([], { DATABASE_URL: databaseUrl })));
  let row;
  try {
    row = { processes, ...(await load(collectors.map((collector) => collector.base), 50, SCALE_REQUESTS)) };
  } finally {
    for (const collector of collectors) collector.child.kill('SIGTERM');
    await Promise.all(collectors.map((collector) => collector.exited));
  }
  await check({ databaseUrl }, [row]);
  return row;
}

const loadBefore = loadavg()[0];
const results = [];
const scaling = [];
let postgresVersion = 'PostgreSQL';
const dir = mkdtempSync(join(tmpdir(), 'samtycke-bench-'));
try {
  const dbPath = join(dir, 'proofs.sqlite');
  results.push(...(await benchSingleProcess('SQLite (WAL, synchronous=FULL)', { sqlitePath: dbPath }, ['--db', dbPath], {})));
  const postgres = await startPostgres();
  if (postgres.skip) {
    process.stderr.write(`PostgreSQL skipped: ${postgres.skip}\n`);
  } else {
    try {
      const client = new pg.Client({ connectionString: postgres.url });
      await client.connect();
      postgresVersion = `PostgreSQL ${(await client.query('SHOW server_version')).rows[0].server_version.split(' ')[0]}`;
      await client.end();
      const one = new URL(postgres.url);
      one.pathname = '/postgres';
      await migrateStore({ databaseUrl: one.toString() }, { chains: 1 });
      results.push(...(await benchSingleProcess(`${postgresVersion}, 1 chain`, { databaseUrl: one.toString() }, [], { DATABASE_URL: one.toString() })));
      const rounds = new Map(PROCESSES.map((processes) => [processes, []]));
      for (let round = 0; round < ROUNDS; round += 1) {
        for (const processes of PROCESSES) rounds.get(processes).push(await benchProcesses(postgres.url, processes));
      }
      for (const [processes, runs] of rounds) {
        const sorted = [...runs].sort((a, b) => a.recordsPerSecond - b.recordsPerSecond);
        const median = sorted[Math.floor(sorted.length / 2)];
        scaling.push({
          ...median,
          rounds: runs.map((run) => Math.round(run.recordsPerSecond)),
          lost: runs.reduce((sum, run) => sum + run.lost, 0),
          chain: runs.every((run) => run.chain === 'OK') ? 'OK' : runs.find((run) => run.chain !== 'OK').chain,
          acknowledgedTotal: runs.reduce((sum, run) => sum + run.acknowledged.length, 0),
          processes,
        });
      }
    } finally {
      await postgres.stop();
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const fmt = (value, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : '–');
const base = scaling.find((row) => row.processes === 1);
const lines = [
  `Loopback, ${CONCURRENCY} concurrent clients, Node ${process.version}, ${cpus().length} CPU cores shared by the load generator, the collectors and the database; each run bounded to its request count or ${MAX_SECONDS} s. Load average (1 min) ${loadBefore.toFixed(1)} before, ${loadavg()[0].toFixed(1)} after.`,
  '',
  '| Store | Request | Requests | Req/s | Records/s | p50 ms | p99 ms | Errors | Acked | Lost | Chain |',
  '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|',
  ...results.map(
    (row) =>
      `| ${row.label} | ${row.scenario} | ${row.requests} | ${fmt(row.rps, 0)} | ${fmt(row.recordsPerSecond, 0)} | ${fmt(row.p50)} | ${fmt(row.p99)} | ${row.errors} | ${row.acknowledged.length} | ${row.lost} | ${row.chain} |`,
  ),
  '',
  `${postgresVersion}, ${CHAINS} chains, batches of 50, ${CONCURRENCY} clients spread over the processes; ${ROUNDS} alternating rounds, the median round of each N (records/s of every round in the last column but two):`,
  '',
  '| Collector processes | Requests | Records/s | × one process | p50 ms | p99 ms | Errors | Records/s per round | Acked (all rounds) | Lost | Chains |',
  '|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---|',
  ...scaling.map(
    (row) =>
      `| ${row.processes} | ${row.requests} | ${fmt(row.recordsPerSecond, 0)} | ${base ? fmt(row.recordsPerSecond / base.recordsPerSecond, 2) : '–'} | ${fmt(row.p50)} | ${fmt(row.p99)} | ${row.errors} | ${row.rounds.join(', ')} | ${row.acknowledgedTotal} | ${row.lost} | ${row.chain} |`,
  ),
];
process.stdout.write(`${lines.join('\n')}\n`);
if ([...results, ...scaling].some((row) => row.lost > 0 || row.chain !== 'OK')) process.exitCode = 1;
