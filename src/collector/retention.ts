import type { ProofStore, PruneResult } from './proof-store.js';

/** Consent lifetime (6 months, DESIGN.md) plus 13 months after it expired. */
export const DEFAULT_RETENTION_MONTHS = 19;

/** The moment before which rows are deleted: `now` minus `months` calendar months. */
export function retentionCutoff(now: Date, months: number): Date {
  const cutoff = new Date(now.getTime());
  cutoff.setUTCMonth(cutoff.getUTCMonth() - months);
  return cutoff;
}

/**
 * Deletes records received more than `months` ago. Only a prefix of each chain can go, so the
 * chainHash of each chain's last deleted row is kept as the anchor that `verify` starts from.
 * PostgreSQL drops whole monthly partitions, so there a record goes at the first run after the end
 * of the month in which it reached the cut-off.
 */
export async function applyRetention(store: ProofStore, months: number, now = new Date()): Promise<PruneResult> {
  if (!Number.isFinite(months) || months <= 0) throw new RangeError(`retention months must be positive, got ${months}`);
  return store.pruneReceivedBefore(retentionCutoff(now, months).toISOString(), now.toISOString());
}

/**
 * Runs retention now and then every `intervalMs`; errors are reported, never thrown.
 * Returns a function that stops the schedule.
 */
export function scheduleRetention(
  store: ProofStore,
  months: number,
  intervalMs: number,
  report: (message: string) => void,
): () => void {
  let running = false;
  const run = (): void => {
    if (running) return;
    running = true;
    store
      .maintain(new Date())
      .then(() => applyRetention(store, months))
      .then((result) => {
        if (result.deleted > 0) report(`retention: deleted ${result.deleted} records received before ${result.cutBefore}; ${result.anchors.length} chains re-anchored`);
      })
      .catch((error: Error) => report(`retention failed: ${error.message}`))
      .finally(() => {
        running = false;
      });
  };
  run();
  const timer = setInterval(run, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
