import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { assertAdmin } from './admin-auth.js';
import { scheduleCheckpoints } from './checkpoint.js';
import { layout, renderNotFoundPage, renderProofPage, renderRecentPage } from './admin-page.js';
import { STATS_DIMENSIONS, renderStatsBody, statsCsv, type StatsDimension } from './consent-stats.js';
import { clientAddress, truncateIp, type ProxyTrust } from './client-address.js';
import { corsHeaders, isSameOrigin, preflightHeaders } from './cors.js';
import { renewDecisionCookie, type DecisionCookieOptions } from './decision-cookie.js';
import { exportLines, toExportObject } from './export-format.js';
import { HttpError, sendError, sendHtml, sendJson } from './http-response.js';
import { startAlerts, type AlertLoop, type AlertOptions } from './incident-alerts.js';
import { incidentAdmin, incidentApi, postLeaks, type IncidentContext, type IncidentSettings } from './incident-routes.js';
import { prepareProofs } from './prepare-proof.js';
import { parseProofBody } from './proof-record.js';
import type { ProofStore } from './proof-store.js';
import { createRateLimiter, type RateLimitOptions } from './rate-limit.js';
import { DEFAULT_BODY_LIMIT, assertJsonContentType, parseJson, readBody } from './read-body.js';
import { DEFAULT_RETENTION_MONTHS, scheduleRetention } from './retention.js';
import type { NoteSigner } from './signed-note.js';

/** Signed checkpoints of the log (checkpoint.ts). */
export interface CheckpointOptions {
  /** The log's identity, first line of every checkpoint, e.g. `shop.example/consent-log`. */
  origin: string;
  /** One or more keys (two while a key is being rotated); each adds a signature line. */
  signers: readonly NoteSigner[];
  /** How often a checkpoint is signed, in ms (default 60 000); 0 signs none (GET still serves the latest stored). */
  intervalMs?: number;
  /** Called with each checkpoint signed (or found unchanged), e.g. to push it to witnesses. */
  onSigned?: (note: string) => void;
}

export interface CollectorOptions {
  store: ProofStore;
  /** Bearer token for the read endpoints; unset disables them (403). */
  adminToken?: string | undefined;
  /** Origins allowed to post proofs cross-origin; "*" allows any. */
  corsOrigins?: readonly string[];
  /** `none` (default) stores no client address; `truncate` stores its /24 or /48 network. */
  ipMode?: 'none' | 'truncate';
  /**
   * Proxies trusted to append to X-Forwarded-For (client-address.ts): the client address is the
   * rightmost hop none of them wrote. Default: none, the socket peer is the client.
   */
  trustProxy?: ProxyTrust;
  /** Largest accepted body in bytes (default 256 KB). */
  bodyLimit?: number;
  /** Per-client token bucket; `false` turns it off. Default: 60 burst, 10 per second. */
  rateLimit?: RateLimitOptions | false;
  /** Months after receipt a record is kept (default 19 = 6 months consent + 13). */
  retentionMonths?: number;
  /** How often the retention job runs; 0 turns it off (default: every 6 hours). */
  retentionIntervalMs?: number;
  /**
   * Renew the site's decision cookie with Set-Cookie when a same-origin proof request carries it
   * and it matches a record just acknowledged (decision-cookie.ts). Only for a collector on the
   * site's own origin; unset, no cookie is ever set.
   */
  decisionCookie?: DecisionCookieOptions | undefined;
  /** Sign checkpoints over the chain heads and serve them at `GET /v1/checkpoint`. */
  checkpoints?: CheckpointOptions | undefined;
  /**
   * The incident register (docs/incidents.md): who answers for the site (named in exports), the
   * operator type (`ecs` adds PTS's deadlines; unset, the site's config decides), and where
   * alerts go when an incident opens or a deadline is 6 hours away.
   */
  incidents?: (IncidentSettings & { alerts?: AlertOptions | undefined }) | undefined;
  /** The clock of the incident register and its alerts (tests move it). @default () => new Date() */
  now?: () => Date;
  /** Where operational messages go (default: stderr). */
  log?: (message: string) => void;
}

export interface Collector {
  readonly server: Server;
  /** The request listener, to mount in another Node server. */
  readonly handler: (req: IncomingMessage, res: ServerResponse) => void;
  /** Listens and resolves with the bound port; with checkpoints, once the first was signed (or failed). */
  start(port?: number, host?: string): Promise<number>;
  /** Stops accepting requests, the retention job and the incident alerts (after the round in progress); the store stays open. */
  close(): Promise<void>;
  /** Resolves when the incident alerts in progress have been sent (or failed); for tests and shutdown. */
  alertsIdle(): Promise<void>;
}

const RECENT_LIMIT = 50;
/** Record and consent ids are UUIDs; anything else is answered before it reaches the database. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CONSENT_LIMIT = 1000;

function parseDateParam(url: URL, name: string, fallback: string): string {
  const value = url.searchParams.get(name);
  if (value === null || value === '') return fallback;
  const time = Date.parse(value);
  if (Number.isNaN(time)) throw new HttpError(400, 'invalid_query', `${name} must be an ISO-8601 date, got "${value}"`);
  return new Date(time).toISOString();
}

/**
 * Creates the proof collector: `POST /v1/proofs` to store records, token-guarded reads,
 * and the retention job. Nothing a client sends can crash it: every failure is an answer.
 *
 * @example
 * const store = await openStore({ sqlitePath: './.data/proofs.sqlite' });
 * const collector = createCollector({ store, corsOrigins: ['https://shop.example'] });
 * await collector.start(8787);
 */
export function createCollector(options: CollectorOptions): Collector {
  const store = options.store;
  const log = options.log ?? ((message: string) => process.stderr.write(`${message}\n`));
  const corsOrigins = options.corsOrigins ?? [];
  const bodyLimit = options.bodyLimit ?? DEFAULT_BODY_LIMIT;
  const limiter = options.rateLimit === false ? undefined : createRateLimiter(options.rateLimit ?? { capacity: 60, refillPerSecond: 10 });
  let stopRetention: (() => void) | undefined;
  let stopCheckpoints: (() => void) | undefined;
  const incidents: IncidentContext = {
    store: store.incidents,
    settings: options.incidents ?? {},
    adminToken: options.adminToken,
    corsOrigins,
    bodyLimit,
    alerts: undefined,
    now: options.now ?? (() => new Date()),
    log,
  };

  async function postProofs(req: IncomingMessage, res: ServerResponse, address: string): Promise<void> {
    const cors = corsHeaders(req, corsOrigins);
    try {
      assertJsonContentType(req);
      const parsed = parseProofBody(parseJson(await readBody(req, bodyLimit)));
      if (!parsed.ok) {
        const status = parsed.error === 'batch_too_large' ? 413 : 400;
        throw new HttpError(status, parsed.error, parsed.message, {}, { issues: parsed.issues });
      }
      const network = options.ipMode === 'truncate' ? truncateIp(address) : null;
      const { proofs, texts } = prepareProofs(parsed.records, network, store.chainCount);
      let result;
      try {
        result = await store.append(proofs, texts, new Date().toISOString());
      } catch (error) {
        log(`samtycke: storing proofs failed: ${(error as Error).message}`);
        throw new HttpError(503, 'storage_unavailable', 'the proofs could not be stored; retry later', { 'retry-after': '5' });
      }
      const receipts = result.receipts.map(({ recordId, chain, position, chainHash }) => ({ recordId, chain, position, chainHash }));
      const duplicates = result.receipts.filter((receipt) => receipt.duplicate).map((receipt) => receipt.recordId);
      const headers: Record<string, string | string[]> = { ...cors };
      const renewal = options.decisionCookie && renewalCookie(req, parsed.records, options.decisionCookie);
      if (renewal) headers['set-cookie'] = renewal;
      sendJson(res, 200, { stored: proofs.map((proof) => proof.recordId), duplicates, receipts }, headers);
    } catch (error) {
      if (error instanceof HttpError) throw new HttpError(error.status, error.code, error.message, { ...cors, ...error.headers }, error.details);
      throw error;
    }
  }

  /** Only a same-origin request (no Origin, or the collector's own) may carry the site's cookie back. */
  function renewalCookie(req: IncomingMessage, records: Parameters<typeof renewDecisionCookie>[1], settings: DecisionCookieOptions): string | undefined {
    const origin = req.headers.origin;
    if (origin && !isSameOrigin(origin, req.headers.host)) return undefined;
    const https = origin ? origin.startsWith('https:') : req.headers['x-forwarded-proto'] === 'https' || 'encrypted' in req.socket;
    return renewDecisionCookie(req.headers.cookie, records, settings, https, Date.now());
  }

  async function getProofs(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    assertAdmin(req, options.adminToken, false);
    const consentId = url.searchParams.get('consentId');
    const recordId = url.searchParams.get('recordId');
    if (!consentId && !recordId) throw new HttpError(400, 'invalid_query', 'give consentId or recordId');
    for (const [name, value] of [['consentId', consentId], ['recordId', recordId]] as const) {
      if (value && !UUID.test(value)) throw new HttpError(400, 'invalid_query', `${name} must be a UUID`);
    }
    const rows = consentId
      ? await store.findByConsentId(consentId, CONSENT_LIMIT)
      : [await store.findByRecordId(recordId!)].filter((row) => row !== undefined);
    sendJson(res, 200, { proofs: rows.map(toExportObject) });
  }

  async function getExport(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    assertAdmin(req, options.adminToken, false);
    const format = url.searchParams.get('format') ?? 'ndjson';
    if (format !== 'ndjson' && format !== 'csv') throw new HttpError(400, 'invalid_query', 'format must be ndjson or csv');
    const from = parseDateParam(url, 'from', '0000-01-01T00:00:00.000Z');
    const to = parseDateParam(url, 'to', '9999-12-31T23:59:59.999Z');
    const lines = exportLines((after, limit) => store.readPeriod(from, to, after, limit), format);
    // Read the first page before sending headers, so a storage error is still a clean 503.
    const first = await lines.next();
    res.writeHead(200, {
      'content-type': format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8',
      'content-disposition': `attachment; filename="proofs.${format}"`,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    });
    if (!first.done) res.write(first.value);
    for await (const chunk of lines) {
      if (!res.write(chunk)) await new Promise((resolve) => res.once('drain', resolve));
    }
    res.end();
  }

  /** The latest signed checkpoint: public, so anyone (a witness) can keep a copy. */
  async function getCheckpoint(res: ServerResponse): Promise<void> {
    const latest = await store.latestCheckpoint();
    if (!latest) throw new HttpError(404, 'no_checkpoint', 'no checkpoint has been signed yet (set SAMTYCKE_CHECKPOINT_KEY and SAMTYCKE_LOG_ORIGIN)');
    res.writeHead(200, {
      'content-type': 'text/plain; charset=utf-8',
      'cache-control': 'no-cache',
      'x-content-type-options': 'nosniff',
      'access-control-allow-origin': '*',
      'content-length': String(Buffer.byteLength(latest.note)),
    });
    res.end(latest.note);
  }

  async function getStats(res: ServerResponse, url: URL, csv: boolean): Promise<void> {
    const days = Number(url.searchParams.get('days') ?? '30');
    if (!Number.isInteger(days) || days < 1 || days > 400) throw new HttpError(400, 'invalid_query', 'days must be a whole number from 1 to 400');
    const by = url.searchParams.get('by') ?? 'action';
    if (!(STATS_DIMENSIONS as readonly string[]).includes(by)) throw new HttpError(400, 'invalid_query', `by must be one of ${STATS_DIMENSIONS.join(', ')}`);
    const today = new Date(new Date().toISOString().slice(0, 10));
    const from = new Date(today.getTime() - (days - 1) * 86_400_000);
    const rows = await store.stats(from.toISOString(), new Date(today.getTime() + 86_400_000).toISOString());
    if (csv) {
      const body = statsCsv(rows);
      res.writeHead(200, {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': 'attachment; filename="consent-stats.csv"',
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
        'content-length': String(Buffer.byteLength(body)),
      });
      res.end(body);
      return;
    }
    sendHtml(res, 200, layout('Consent statistics', renderStatsBody(rows, by as StatsDimension, from, days)));
  }

  async function getAdmin(req: IncomingMessage, res: ServerResponse, path: string, url: URL): Promise<void> {
    assertAdmin(req, options.adminToken, true);
    if (path === '/admin/stats' || path === '/admin/stats.csv') return getStats(res, url, path.endsWith('.csv'));
    if (path === '/admin' || path === '/admin/') {
      const [rows, total, register] = await Promise.all([store.listRecent(RECENT_LIMIT), store.count(), store.incidents.list()]);
      sendHtml(res, 200, renderRecentPage(rows, total, register.filter((incident) => incident.status !== 'closed').length));
      return;
    }
    let recordId: string;
    try {
      recordId = decodeURIComponent(path.slice('/admin/proofs/'.length));
    } catch {
      throw new HttpError(400, 'invalid_path', 'the record id in the path is not valid percent-encoded UTF-8');
    }
    const row = UUID.test(recordId) ? await store.findByRecordId(recordId) : undefined;
    if (!row) {
      sendHtml(res, 404, renderNotFoundPage(recordId));
      return;
    }
    const textHash = (JSON.parse(row.content) as { textHash?: string }).textHash;
    sendHtml(res, 200, renderProofPage(row, textHash ? await store.getText(textHash) : undefined));
  }

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://collector.invalid');
    const path = url.pathname;
    const method = req.method ?? 'GET';
    if (path === '/healthz') return sendJson(res, 200, { ok: true });
    const address = clientAddress(req, options.trustProxy ?? false);
    const wait = limiter?.take(address) ?? 0;
    if (wait > 0) throw new HttpError(429, 'rate_limited', `too many requests; retry in ${wait} s`, { 'retry-after': String(wait) });

    if (path === '/v1/proofs') {
      if (method === 'OPTIONS') {
        res.writeHead(204, preflightHeaders(req, corsOrigins));
        res.end();
        return;
      }
      if (method === 'POST') return postProofs(req, res, address);
      if (method === 'GET') return getProofs(req, res, url);
      throw new HttpError(405, 'method_not_allowed', `${method} is not allowed on ${path}`, { allow: 'GET, POST, OPTIONS' });
    }
    if (path === '/v1/leaks') {
      if (method === 'OPTIONS') {
        res.writeHead(204, preflightHeaders(req, corsOrigins));
        res.end();
        return;
      }
      if (method === 'POST') return postLeaks(req, res, incidents);
      throw new HttpError(405, 'method_not_allowed', `${method} is not allowed on ${path}`, { allow: 'POST, OPTIONS' });
    }
    if (path === '/v1/incidents' || path.startsWith('/v1/incidents/')) return incidentApi(req, res, path, incidents);
    if (path === '/admin/incidents' || path.startsWith('/admin/incidents/')) return incidentAdmin(req, res, path, url, incidents);
    if (method !== 'GET' && method !== 'HEAD') {
      throw new HttpError(405, 'method_not_allowed', `${method} is not allowed on ${path}`, { allow: 'GET' });
    }
    if (path === '/v1/export') return getExport(req, res, url);
    if (path === '/v1/checkpoint') return getCheckpoint(res);
    if (path === '/admin' || path === '/admin/' || path.startsWith('/admin/proofs/') || path.startsWith('/admin/stats')) {
      return getAdmin(req, res, path, url);
    }
    throw new HttpError(404, 'not_found', `no route for ${path}`);
  }

  const handler = (req: IncomingMessage, res: ServerResponse): void => {
    route(req, res).catch((error: unknown) => {
      if (error instanceof HttpError) {
        sendError(res, error);
      } else {
        log(`samtycke: unexpected error: ${(error as Error)?.stack ?? String(error)}`);
        sendError(res, new HttpError(500, 'internal_error', 'internal error'));
      }
      // Whatever is left of a refused body is not worth reading.
      if (!req.complete) req.resume();
    });
  };

  const server = createServer(handler);
  server.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\ncontent-length: 0\r\n\r\n');
    else socket.destroy();
  });

  return {
    server,
    handler,
    alertsIdle: () => incidents.alerts?.idle() ?? Promise.resolve(),
    start(port = 8787, host = '127.0.0.1') {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, async () => {
          server.off('error', reject);
          const interval = options.retentionIntervalMs ?? 6 * 60 * 60 * 1000;
          if (interval > 0) {
            stopRetention = scheduleRetention(store, options.retentionMonths ?? DEFAULT_RETENTION_MONTHS, interval, log);
          }
          if (options.incidents?.alerts) incidents.alerts = startAlerts(store.incidents, options.incidents.alerts, log, incidents.now);
          const checkpoints = options.checkpoints;
          if (checkpoints && (checkpoints.intervalMs ?? 60_000) > 0) {
            const schedule = scheduleCheckpoints(store, checkpoints.origin, checkpoints.signers, checkpoints.intervalMs ?? 60_000, log, checkpoints.onSigned);
            stopCheckpoints = schedule.stop;
            await schedule.first;
          }
          resolve((server.address() as AddressInfo).port);
        });
      });
    },
    async close() {
      stopRetention?.();
      stopCheckpoints?.();
      await incidents.alerts?.stop();
      return new Promise((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
    },
  };
}
