import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { openStore } from '../../dist/collector/collector/open-store.js';
import { verifyChain } from '../../dist/collector/collector/verify-chain.js';
import { BACKENDS } from './helpers/backends.mjs';
import { makeRecord, post, spawnCollector } from './helpers/fixtures.mjs';

const WORKERS = 8;
const KILL_AFTER_ACKS = 300;

for (const backend of BACKENDS) {
  describe(`crash safety on ${backend.name}`, { skip: backend.skip }, () => {
    test('SIGKILL mid-load loses no acknowledged record', async () => {
      const db = await backend.create();
      await db.store.close();
      const storeOptions = db.databaseUrl ? { databaseUrl: db.databaseUrl } : { sqlitePath: db.dbPath };
      try {
        const first = await spawnCollector(db.cliArgs, db.env);
        const acknowledged = new Set();
        let failures = 0;
        let killed = false;
        const kill = () => {
          if (!killed) {
            killed = true;
            first.child.kill('SIGKILL');
          }
        };

        async function worker(index) {
          for (let round = 0; ; round += 1) {
            const batch = Array.from({ length: (index + round) % 3 === 0 ? 1 : 5 }, () => makeRecord());
            let response;
            try {
              response = await post(first.base, batch.length === 1 ? batch[0] : batch);
            } catch {
              failures += 1; // connection refused or reset: the process is gone
              return;
            }
            assert.equal(response.status, 200, response.text);
            for (const id of response.body.stored) acknowledged.add(id);
            if (acknowledged.size >= KILL_AFTER_ACKS) kill();
          }
        }

        await Promise.all(Array.from({ length: WORKERS }, (_, index) => worker(index)));
        const [, signal] = await first.exited;
        assert.equal(signal, 'SIGKILL');
        assert.ok(acknowledged.size >= KILL_AFTER_ACKS);
        assert.ok(failures > 0, 'requests were in flight when the process died');

        // Restart on the same database: it must open cleanly and keep serving.
        const second = await spawnCollector(db.cliArgs, db.env);
        try {
          const after = makeRecord();
          assert.equal((await post(second.base, after)).status, 200);
        } finally {
          second.child.kill('SIGTERM');
          await second.exited;
        }

        const store = await openStore(storeOptions);
        try {
          const missing = [];
          for (const id of acknowledged) {
            if (!(await store.findByRecordId(id))) missing.push(id);
          }
          assert.deepEqual(missing, [], `${missing.length} acknowledged records were lost`);
          const verified = await verifyChain(store);
          assert.equal(verified.ok, true, verified.reason);
          assert.ok(verified.count >= acknowledged.size + 1);
        } finally {
          await store.close();
        }
      } finally {
        await db.dispose().catch(() => {});
      }
    });
  });
}
