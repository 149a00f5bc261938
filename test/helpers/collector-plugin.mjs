/**
 * A stand-in proof collector for browser tests, with failure modes a real one
 * has in production: `up` (acknowledges), `down` (503), `lost-ack` (stores but
 * answers 503, as when the connection drops after the commit). It counts every
 * copy it receives per record id, so "exactly one stored, none lost" is checked.
 * Like the real collector, it validates every record with the one proof-record
 * schema (src/proof/proof-record.ts, built by `npm run build`) and refuses a
 * batch with an invalid record with 400. Leak reports (`/fake-collector/v1/leaks`)
 * are validated with the one leak-report schema and counted the same way. The
 * real collector has its own Node test suite (test/collector/).
 */
import { parseLeakBody } from '../../dist/collector/collector/leak-body.js';
import { parseProofBody } from '../../dist/collector/collector/proof-record.js';

const received = new Map();
let mode = 'up';

export function collectorPlugin() {
  return {
    name: 'samtycke-fake-collector',
    // Registered as middleware in web-test-runner.config.mjs, so it runs before static files.
    middleware: async (ctx, next) => {
        const leaks = ctx.path === '/fake-collector/v1/leaks';
        if ((ctx.path !== '/fake-collector/v1/proofs' && !leaks) || ctx.method !== 'POST') return next();
        const chunks = [];
        for await (const chunk of ctx.req) chunks.push(chunk);
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        const records = Array.isArray(body) ? body : body.records ?? [body];
        if (mode === 'not-found') {
          ctx.status = 404;
          ctx.body = { error: 'not_found' };
          return;
        }
        if (mode === 'down') {
          ctx.status = 503;
          ctx.body = { error: 'unavailable' };
          return;
        }
        const parsed = leaks ? parseLeakBody(body) : parseProofBody(body);
        if (!parsed.ok) {
          ctx.status = 400;
          ctx.body = parsed;
          return;
        }
        const stored = [];
        const duplicates = [];
        for (const record of records) {
          const copies = received.get(record.recordId);
          if (copies) copies.push(record);
          else received.set(record.recordId, [record]);
          (copies ? duplicates : stored).push(record.recordId);
        }
        ctx.type = 'application/json';
        if (mode === 'lost-ack') {
          ctx.status = 503;
          ctx.body = { error: 'connection lost' };
          return;
        }
        ctx.body = { stored, duplicates };
    },
    async executeCommand({ command, payload }) {
      if (command === 'collector-mode') {
        mode = payload.mode;
        return true;
      }
      if (command === 'collector-records') return [...received.entries()].map(([recordId, copies]) => ({ recordId, copies: copies.length, record: copies[0] }));
      if (command === 'collector-reset') {
        received.clear();
        mode = 'up';
        return true;
      }
      return undefined;
    },
  };
}
