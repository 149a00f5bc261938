// Load benchmark for the proof collector on loopback: single records and batches, on SQLite and
// PostgreSQL. Bounded in request count and time. Prints a markdown table and fails (exit 1) if
// any acknowledged record is missing afterwards.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openStore } from '../dist/collector/collector/open-store.js';
import { verifyChain } from '../dist/collector/collector/verify-chain.js';
import { makeRecord, spawnCollector } from '../test/collector/helpers/fixtures.mjs';
import { startPostgres } from '../test/collector/helpers/throwaway-postgres.mjs';

const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const MAX_SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const SCENARIOS = [
  { name: 'single', batch: 1, requests: Number(process.env.BENCH_SINGLE_REQUESTS ?? 3000) },
  { name: 'batch of 50', batch: 50, requests: Number(process.env.BENCH_BATCH_REQUESTS ?? 300) },
];

function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function load(base, scenario) {
  const latencies = [];
  const acknowledged = [];
  let errors = 0;
  let issued = 0;
  const deadline = performance.now() + MAX_SECONDS * 1000;
  const started = performance.now();
  async function worker() {
    while (issued < scenario.requests && performance.now() < deadline) {
      issued += 1;
      const records = Array.from({ length: scenario.batch }, () => makeRecord());
      const body = JSON.stringify(scenario.batch === 1 ? records[0] : records);
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
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
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

async function benchBackend(label, storeOptions, cliArgs, env) {
  const rows = [];
  const collector = await spawnCollector(cliArgs, env);
  try {
    for (const scenario of SCENARIOS) {
      const result = await load(collector.base, scenario);
      rows.push({ label, scenario: scenario.name, ...result });
    }
  } finally {
    collector.child.kill('SIGTERM');
    await collector.exited;
  }
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
  return rows;
}

const results = [];
const dir = mkdtempSync(join(tmpdir(), 'samtycke-bench-'));
try {
  const dbPath = join(dir, 'proofs.sqlite');
  results.push(...(await benchBackend('SQLite (WAL, synchronous=FULL)', { sqlitePath: dbPath }, ['--db', dbPath], {})));
  const postgres = await startPostgres();
  if (postgres.skip) {
    process.stderr.write(`PostgreSQL skipped: ${postgres.skip}\n`);
  } else {
    try {
      results.push(
        ...(await benchBackend('PostgreSQL 15', { databaseUrl: postgres.url }, [], { DATABASE_URL: postgres.url })),
      );
    } finally {
      await postgres.stop();
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const fmt = (value, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : '–');
const lines = [
  `Loopback, ${CONCURRENCY} concurrent connections, Node ${process.version}; each run bounded to its request count or ${MAX_SECONDS} s.`,
  '',
  '| Store | Request | Requests | Req/s | Records/s | p50 ms | p99 ms | Errors | Acked | Lost | Chain |',
  '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|',
  ...results.map(
    (row) =>
      `| ${row.label} | ${row.scenario} | ${row.requests} | ${fmt(row.rps, 0)} | ${fmt(row.recordsPerSecond, 0)} | ${fmt(row.p50)} | ${fmt(row.p99)} | ${row.errors} | ${row.acknowledged.length} | ${row.lost} | ${row.chain} |`,
  ),
];
process.stdout.write(`${lines.join('\n')}\n`);
if (results.some((row) => row.lost > 0 || row.chain !== 'OK')) process.exitCode = 1;
