/**
 * The real proof collector (built by `npm run build`) mounted on the test server's own origin at
 * /real-collector/, on a throwaway SQLite file, renewing the decision cookie of the test config
 * (name `samtycke`, 182 days). Browser tests see its real answers and the cookies it sets.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCollector } from '../../dist/collector/collector/collector.js';
import { migrateStore, openStore } from '../../dist/collector/collector/open-store.js';

const PREFIX = '/real-collector';
let collector;

async function collectorHandler() {
  if (!collector) {
    collector = (async () => {
      const sqlitePath = join(mkdtempSync(join(tmpdir(), 'samtycke-wtr-')), 'proofs.sqlite');
      await migrateStore({ sqlitePath });
      const store = await openStore({ sqlitePath });
      return createCollector({
        store,
        rateLimit: false,
        retentionIntervalMs: 0,
        decisionCookie: { name: 'samtycke', retentionDays: 182 },
        log: () => {},
      }).handler;
    })();
  }
  return collector;
}

export function realCollectorPlugin() {
  return {
    name: 'samtycke-real-collector',
    middleware: async (ctx, next) => {
      if (!ctx.path.startsWith(`${PREFIX}/`)) return next();
      const handler = await collectorHandler();
      ctx.respond = false;
      ctx.req.url = ctx.req.url.slice(PREFIX.length);
      await new Promise((resolve) => {
        ctx.res.once('close', resolve);
        handler(ctx.req, ctx.res);
      });
    },
  };
}
