// Several collector processes on one PostgreSQL: concurrent writers while other processes open
// the store and verify it (no deadlock, no false break), a read-only role for verify, and a
// database crash-restart under load (no acknowledged record lost).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import pg from 'pg';
import { openStore } from '../../dist/collector/collector/open-store.js';
import { verifyChain } from '../../dist/collector/collector/verify-chain.js';
import { BACKENDS } from './helpers/backends.mjs';
import { makeRecord, post, runCli, spawnCollector } from './helpers/fixtures.mjs';
import { startPostgres } from './helpers/throwaway-postgres.mjs';

const postgres = BACKENDS.find((backend) => backend.name === 'postgres');

/** Clients that post batches round-robin to `bases` until `stop()`; every acknowledged id is kept. */
function writers(bases, count, { tolerateErrors = false } = {}) {
  const acknowledged = new Set();
  const statuses = new Map();
  const waiters = [];
  let running = true;
  const acked = (ids) => {
    for (const id of ids) acknowledged.add(id);
    for (const waiter of waiters.filter((entry) => acknowledged.size >= entry.n)) {
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve();
    }
  };
  const done = Promise.all(
    Array.from({ length: count }, async (_, index) => {
      for (let round = 0; running; round += 1) {
        const batch = Array.from({ length: 1 + ((index + round) % 5) }, () => makeRecord());
        let response;
        try {
          response = await post(bases[(index + round) % bases.length], batch);
        } catch (error) {
          if (!tolerateErrors) throw error;
          statuses.set('network', (statuses.get('network') ?? 0) + 1);
          await new Promise((resolve) => setTimeout(resolve, 50)); // a refused connection fails at once: do not spin
          continue;
        }
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        if (response.status === 200) acked(response.body.stored);
        else if (!tolerateErrors || response.status !== 503) assert.fail(`status ${response.status}: ${response.text}`);
      }
    }),
  );
  return {
    acknowledged,
    statuses,
    /** Resolves once at least `n` records are acknowledged; fails after `seconds` with what was answered. */
    until(n, seconds = 60) {
      if (acknowledged.size >= n) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`only ${acknowledged.size} of ${n} acknowledged in ${seconds} s; answers: ${JSON.stringify([...statuses])}`)), seconds * 1000);
        waiters.push({ n, resolve: () => (clearTimeout(timer), resolve()) });
      });
    },
    async stop() {
      running = false;
      await done;
    },
  };
}

async function assertAllStored(databaseUrl, acknowledged) {
  const store = await openStore({ databaseUrl });
  try {
    const missing = [];
    for (const id of acknowledged) if (!(await store.findByRecordId(id))) missing.push(id);
    assert.deepEqual(missing, [], `${missing.length} acknowledged records were lost`);
    const verified = await verifyChain(store);
    assert.equal(verified.ok, true, verified.reason);
    return verified;
  } finally {
    await store.close();
  }
}

describe('several collector processes on one PostgreSQL', { skip: postgres.skip }, () => {
  test('writers in three processes while other processes open the store and verify: no deadlock, no false break', async () => {
    const db = await postgres.create({ chains: 8 });
    await db.store.close();
    const collectors = await Promise.all([1, 2, 3].map(() => spawnCollector([], db.env)));
    let stopLoad = async () => {};
    try {
      const load = writers(collectors.map((collector) => collector.base), 12);
      stopLoad = () => load.stop();
      await load.until(100);
      // Each of these opens the store while the writers hold chain locks.
      for (let i = 0; i < 3; i += 1) {
        const cli = await runCli(['verify'], db.env);
        assert.equal(cli.code, 0, cli.stdout + cli.stderr);
        assert.match(cli.stdout, /^OK: \d+ records in 8 chains, intact/);
      }
      const late = await spawnCollector([], db.env);
      collectors.push(late);
      assert.equal((await post(late.base, makeRecord())).status, 200);
      const before = load.acknowledged.size;
      await load.until(before + 50);
      await load.stop();
      const verified = await assertAllStored(db.databaseUrl, load.acknowledged);
      assert.ok(verified.count >= load.acknowledged.size);
      assert.ok(verified.chains.filter((state) => state.headPosition > 0).length > 1, 'records spread over several chains');
    } finally {
      await stopLoad().catch(() => {});
      for (const collector of collectors) collector.child.kill('SIGTERM');
      await Promise.all(collectors.map((collector) => collector.exited));
      await db.dispose();
    }
  });

  test('verify runs with a role that may only SELECT', async () => {
    const db = await postgres.create({ chains: 2 });
    const role = `samtycke_reader_${process.pid}_${Date.now()}`;
    try {
      assert.equal((await runCli(['migrate'], db.env)).code, 0);
      const collector = await spawnCollector([], db.env);
      try {
        for (let i = 0; i < 5; i += 1) assert.equal((await post(collector.base, [makeRecord(), makeRecord()])).status, 200);
      } finally {
        collector.child.kill('SIGTERM');
        await collector.exited;
      }
      await db.sql(`CREATE ROLE ${role} LOGIN`);
      await db.sql(`GRANT SELECT ON ALL TABLES IN SCHEMA public TO ${role}`);
      const url = new URL(db.databaseUrl);
      url.username = role;
      const readOnly = { DATABASE_URL: url.toString() };
      const cli = await runCli(['verify'], readOnly);
      assert.equal(cli.code, 0, cli.stdout + cli.stderr);
      assert.match(cli.stdout, /^OK: 10 records in 2 chains, intact/);
      // The positive control: the role really cannot write.
      const client = new pg.Client({ connectionString: url.toString() });
      await client.connect();
      try {
        await assert.rejects(client.query("INSERT INTO samtycke_checkpoints (created_at, tree_size, note) VALUES ('x', 0, 'x')"), /permission denied/);
      } finally {
        await client.end();
      }
    } finally {
      await db.dispose();
      await db.sql(`DROP ROLE IF EXISTS ${role}`).catch(() => {});
    }
  });

  test('serve refuses an unmigrated database and names the command to run', async () => {
    const admin = new pg.Client({ connectionString: process.env.SAMTYCKE_TEST_DATABASE_URL });
    await admin.connect();
    const name = `samtycke_unmigrated_${process.pid}_${Date.now()}`;
    await admin.query(`CREATE DATABASE ${name}`);
    try {
      const url = new URL(process.env.SAMTYCKE_TEST_DATABASE_URL);
      url.pathname = `/${name}`;
      const cli = await runCli(['serve', '--port', '0'], { DATABASE_URL: url.toString() });
      assert.equal(cli.code, 1);
      assert.match(cli.stderr, /no samtycke schema yet.*run `samtycke migrate` first/);
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    }
  });

  test('pg_ctl restart -m immediate under load loses no acknowledged record', async () => {
    // Its own server: restarting the shared one would disturb the other suites.
    const server = await startPostgres({ own: true });
    if (server.skip) return assert.fail(server.skip);
    try {
      const url = new URL(server.url);
      const databaseUrl = url.toString();
      assert.equal((await runCli(['migrate', '--chains', '4'], { DATABASE_URL: databaseUrl })).code, 0);
      const collector = await spawnCollector([], { DATABASE_URL: databaseUrl });
      const load = writers([collector.base], 8, { tolerateErrors: true });
      try {
        const startedAt = async () => {
          const client = new pg.Client({ connectionString: databaseUrl });
          await client.connect();
          try {
            return (await client.query('SELECT pg_postmaster_start_time()::text AS at')).rows[0].at;
          } finally {
            await client.end();
          }
        };
        const firstStart = await startedAt();
        await load.until(200);
        await server.restartImmediate();
        const after = load.acknowledged.size;
        await load.until(after + 200);
        await load.stop();
        // The positive control: the server really crashed and came back while the load ran.
        assert.notEqual(await startedAt(), firstStart);
        await assertAllStored(databaseUrl, load.acknowledged);
      } finally {
        await load.stop().catch(() => {});
        collector.child.kill('SIGTERM');
        await collector.exited;
      }
    } finally {
      await server.stop();
    }
  });
});
