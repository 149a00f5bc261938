import type { ProofSink } from '../consent/contract.js';
import type { LeakReport } from '../proof/leak-report.js';
import type { ProofRecord } from '../proof/proof-record.js';
import { sha256Hex } from '../internal/digest.js';

/**
 * Proof records wait in localStorage until the collector acknowledges them by
 * id (R31). The decision never waits for the network; records survive a tab
 * closing mid-send and are retried with backoff on later page loads. The
 * collector is idempotent by record id, so sending one twice is harmless.
 *
 * The leak sentinel's reports (R42) take the same way on a shelf of their own
 * (`samtycke:leaks`), so `pending()` lists proof records only and the head
 * script, which never holds a report, carries nothing for them. The sender
 * sends both: proofs to the endpoint, reports to `leaks` next to it.
 */
interface Pending<R = ProofRecord | LeakReport> {
  record: R;
  attempts: number;
  /** Not before this time (ms since epoch). */
  due: number;
}

const KEY = 'samtycke:proofs';
/** Where leak reports wait: read and written only by the sentinel and the sender, never by the head script. */
const REPORTS_KEY = 'samtycke:leaks';
/** A bound, so a site whose collector is down for months cannot fill the visitor's storage. */
const MAX_PENDING = 200;
/** keepalive requests may carry at most 64 KiB in total. */
const KEEPALIVE_LIMIT = 60 * 1024;
const MAX_BACKOFF_MS = 60 * 60 * 1000;

/** One kind of record waiting in localStorage under its own key. */
interface Shelf {
  load(): Pending[];
  update(change: (entries: Pending[]) => Pending[]): void;
}

/**
 * A shelf under `key`. When localStorage is refused (blocked storage, a full
 * quota) records wait in the page's memory instead, shared by the head script
 * and the lazily loaded chunk through the registered symbol `key`; they are
 * then lost with the page only.
 */
function shelf(key: string, noun: string): Shelf {
  const memory = (): Pending[] => ((globalThis as { [key: symbol]: Pending[] })[Symbol.for(key)] ??= []);
  const load = (): Pending[] => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(localStorage.getItem(key) ?? '[]');
    } catch {
      parsed = [];
    }
    const stored = Array.isArray(parsed) ? parsed.filter((entry: Pending) => typeof entry?.record?.recordId === 'string') : [];
    return [...stored, ...memory().filter((entry) => !stored.some((known: Pending) => known.record.recordId === entry.record.recordId))];
  };
  return {
    load,
    update(change) {
      const entries = change(load());
      const kept = memory();
      kept.length = 0;
      try {
        if (entries.length) localStorage.setItem(key, JSON.stringify(entries));
        else localStorage.removeItem(key);
      } catch (error) {
        kept.push(...entries);
        console.error(`[samtycke] ${noun} cannot be stored in localStorage; they wait in memory until sent`, error);
      }
    },
  };
}

const proofs = /* @__PURE__ */ shelf(KEY, 'proof records');
/** Leak reports' shelf: written only by the sentinel and read by the sender; the head script never holds a report. */
const reports = /* @__PURE__ */ shelf(REPORTS_KEY, 'leak reports');
const load = (): Pending[] => proofs.load();
const update = (change: (entries: Pending[]) => Pending[]): void => proofs.update(change);

const isReport = (record: ProofRecord | LeakReport): record is LeakReport => 'type' in record;
/** Every entry of both shelves. */
const loadAll = (): Pending[] => [...load(), ...reports.load()];
/** Applies `change` to each shelf. */
function updateAll(change: (entries: Pending[]) => Pending[]): void {
  update(change);
  reports.update(change);
}

/** Whether `endpoint` (absolute, or a path on this site) is on the page's own origin. */
function isSameOrigin(endpoint: string): boolean {
  try {
    return new URL(endpoint, location.href).origin === location.origin;
  } catch {
    return false;
  }
}

/**
 * Stores a record for sending, synchronously. This is all the head script
 * needs at decision time; the sender arrives with the lazily loaded chunk.
 */
export function storeProof(record: ProofRecord): void {
  update((entries) => {
    const next = [...entries, { record, attempts: 0, due: 0 }];
    if (next.length > MAX_PENDING) console.error(`[samtycke] ${next.length - MAX_PENDING} unsent proof records dropped: the collector has been unreachable too long`);
    return next.slice(-MAX_PENDING);
  });
}

/** Records not yet acknowledged by the collector. */
export function pendingProofs(): ProofRecord[] {
  return load().map((entry) => entry.record as ProofRecord);
}

/**
 * Stores a leak report (R42) for sending, synchronously, as `storeProof` does
 * a proof record; the proof sender sends it with them.
 * @example storeLeakReport(toLeakReport(leak, context)); void consent.proof?.flush();
 */
export function storeLeakReport(report: LeakReport): void {
  reports.update((entries) => [...entries, { record: report, attempts: 0, due: 0 }].slice(-MAX_PENDING));
}

/** Leak reports not yet acknowledged by the collector. */
export function pendingLeakReports(): LeakReport[] {
  return reports.load().map((entry) => entry.record as LeakReport);
}

/**
 * Where leak reports go: `leaks` next to the proof endpoint, so `/consent/v1/proofs`
 * sends them to `/consent/v1/leaks`.
 * @example leaksEndpoint('/v1/proofs') // 'https://shop.example/v1/leaks' on shop.example
 */
export function leaksEndpoint(endpoint: string): string {
  // The document's base, not location: a srcdoc frame's location is about:srcdoc.
  return new URL('leaks', new URL(endpoint, document.baseURI)).href;
}

/**
 * The queue that sends to the collector at `endpoint`: records are stored
 * first, then sent in batches; each is dropped only once acknowledged, or
 * when the collector refuses that record itself (400, 413, 422).
 */
export function createProofQueue(endpoint: string, now: () => number = Date.now): ProofSink {
  // Sends run one after another, so a record is never in two requests of this page at once.
  let chain: Promise<void> = Promise.resolve();
  const sameOrigin = isSameOrigin(endpoint);
  const leaks = leaksEndpoint(endpoint);
  const target = (entry: Pending): string => (isReport(entry.record) ? leaks : endpoint);

  /** Sends one batch, every entry for the same target. */
  async function send(batch: Pending[]): Promise<void> {
    const body = JSON.stringify({ records: batch.map((entry) => entry.record) });
    const ids = new Set(batch.map((entry) => entry.record.recordId));
    let acknowledged: string[] = [];
    let permanent = false;
    try {
      const response = await fetch(target(batch[0]!), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body,
        // A collector on the site's own origin gets the decision cookie, so it can renew it
        // (Safari keeps a cookie written by script 7 days at most); nothing goes cross-origin.
        credentials: 'same-origin',
        keepalive: body.length < KEEPALIVE_LIMIT,
      });
      if (response.ok) {
        const answer = (await response.json()) as { stored?: string[]; duplicates?: string[] };
        acknowledged = [...(answer.stored ?? []), ...(answer.duplicates ?? [])];
      } else {
        // Only a refusal of the record itself is final; 401/403/404 during a deploy are retried.
        permanent = response.status === 400 || response.status === 413 || response.status === 422;
        if (permanent && batch.length > 1) {
          // One bad record refuses a whole batch: find it by sending one at a time.
          for (const entry of batch) await send([entry]);
          return;
        }
        if (permanent) console.error(`[samtycke] the collector refused ${isReport(batch[0]!.record) ? 'leak report' : 'proof record'} ${batch[0]!.record.recordId}: ${await response.text()}`);
      }
    } catch {
      // Offline or unreachable: retried later.
    }
    updateAll((entries) =>
      entries
        .filter((entry) => !acknowledged.includes(entry.record.recordId) && !(permanent && ids.has(entry.record.recordId)))
        .map((entry) =>
          ids.has(entry.record.recordId) ? { ...entry, attempts: entry.attempts + 1, due: now() + Math.min(2000 * 2 ** entry.attempts, MAX_BACKOFF_MS) } : entry,
        ),
    );
  }

  async function sendDue(): Promise<void> {
    await completeTextHashes();
    const due = loadAll().filter((entry) => entry.due <= now());
    const batches: Pending[][] = [];
    for (const entry of due) {
      const last = batches[batches.length - 1];
      if (last && target(last[0]!) === target(entry) && last.length < 50 && JSON.stringify(last).length + JSON.stringify(entry).length < KEEPALIVE_LIMIT) last.push(entry);
      else batches.push([entry]);
    }
    for (const batch of batches) await send(batch);
  }

  /**
   * A decision made before the shown text was hashed carries the text alone: hash it before sending.
   * Web Crypto exists only on secure pages (https, localhost); on a plain-http page a small audited
   * SHA-256 (@noble/hashes) does it, so no record goes out without its hash and none is refused.
   */
  async function completeTextHashes(): Promise<void> {
    const missing = pendingProofs().filter((record) => record.text !== undefined && !/^[0-9a-f]{64}$/.test(record.textHash));
    if (!missing.length) return;
    const hash = async (text: string): Promise<string> => {
      if (globalThis.crypto?.subtle) return sha256Hex(text);
      // Loaded only where it is needed: a plain-http page.
      const [{ sha256 }, { bytesToHex }] = await Promise.all([import('@noble/hashes/sha2.js'), import('@noble/hashes/utils.js')]);
      return bytesToHex(sha256(new TextEncoder().encode(text)));
    };
    const hashes = new Map<string, string>();
    for (const record of missing) hashes.set(record.recordId, await hash(record.text!));
    update((entries) =>
      entries.map((entry) => (hashes.has(entry.record.recordId) ? { ...entry, record: { ...(entry.record as ProofRecord), textHash: hashes.get(entry.record.recordId)! } } : entry)),
    );
  }

  function flush(): Promise<void> {
    chain = chain.then(sendDue, sendDue);
    return chain;
  }

  // Leaving the page: hand what is left to the browser. No answer comes back,
  // so the records stay queued and the next page resends them (harmless).
  addEventListener('visibilitychange', () => {
    if (document.visibilityState !== 'hidden') return;
    for (const [url, records] of [
      [endpoint, pendingProofs()],
      [leaks, pendingLeakReports()],
    ] as const) {
      if (!records.length) continue;
      const body = JSON.stringify({ records: records.slice(0, 50) });
      // A beacon always carries credentials, so only the site's own collector gets one; another
      // origin gets a keepalive request without them (text/plain: no preflight, as for a beacon).
      if (sameOrigin) navigator.sendBeacon?.(url, new Blob([body], { type: 'text/plain' }));
      else if (body.length < KEEPALIVE_LIMIT) void fetch(url, { method: 'POST', body, headers: { 'Content-Type': 'text/plain' }, credentials: 'omit', keepalive: true }).catch(() => undefined);
    }
  });

  return {
    enqueue(record) {
      storeProof(record);
      void flush();
    },
    flush,
    pending: pendingProofs,
  };
}

/**
 * The script tag's sink: stores each record synchronously and leaves the
 * sending to `send`, which loads the sender on demand, so a returning visitor
 * with nothing to send loads nothing.
 */
export function createDeferredProofSink(send: () => Promise<void>): ProofSink {
  if (pendingProofs().length) void send();
  return {
    enqueue(record) {
      storeProof(record);
      void send();
    },
    flush: send,
    pending: pendingProofs,
  };
}
