/**
 * The incident register's HTTP side: `POST /v1/leaks` (the browser's leak reports, public like
 * `POST /v1/proofs`), the token-guarded JSON reads and changes under `/v1/incidents`, and the
 * admin pages under `/admin/incidents`. Every change is recorded in the register with who made it.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { assertAdmin, presentedUser } from './admin-auth.js';
import { corsHeaders, isSameOrigin } from './cors.js';
import { HttpError, sendHtml, sendJson } from './http-response.js';
import { incidentExport, incidentFacts, type IncidentContact } from './incident-export.js';
import { INCIDENT_STATUSES, IncidentError, SEVERITIES, incidentDeadlines, unintelligibleReason, type IncidentChange, type IncidentState, type IncidentStatus } from './incident-model.js';
import { renderExportPage, renderIncidentList, renderIncidentPage, sortForList } from './incident-pages.js';
import type { AlertLoop } from './incident-alerts.js';
import type { IncidentStore } from './incident-register.js';
import { parseLeakBody } from './leak-body.js';
import { assertJsonContentType, parseJson, readBody } from './read-body.js';

/** Settings of the incident register in the collector. */
export interface IncidentSettings extends IncidentContact {
  /** `ecs` for a provider of public electronic communications services: PTS's deadlines apply. Unset: what the site's config (the reports) says. */
  operatorType?: 'ecs' | 'other' | undefined;
}

/** What the routes need from the collector. */
export interface IncidentContext {
  store: IncidentStore;
  settings: IncidentSettings;
  adminToken: string | undefined;
  corsOrigins: readonly string[];
  bodyLimit: number;
  alerts: AlertLoop | undefined;
  now: () => Date;
  log: (message: string) => void;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const FORM_LIMIT = 64 * 1024;

/** `POST /v1/leaks`: validates, records (grouping into incidents) and acknowledges by record id. */
export async function postLeaks(req: IncomingMessage, res: ServerResponse, context: IncidentContext): Promise<void> {
  const cors = corsHeaders(req, context.corsOrigins);
  try {
    assertJsonContentType(req);
    const parsed = parseLeakBody(parseJson(await readBody(req, context.bodyLimit)));
    if (!parsed.ok) throw new HttpError(parsed.error === 'batch_too_large' ? 413 : 400, parsed.error, parsed.message, {}, { issues: parsed.issues });
    let result;
    try {
      result = await context.store.recordReports(parsed.records, context.now().toISOString(), context.settings.operatorType);
    } catch (error) {
      context.log(`samtycke: recording leak reports failed: ${(error as Error).message}`);
      throw new HttpError(503, 'storage_unavailable', 'the reports could not be stored; retry later', { 'retry-after': '5' });
    }
    if (result.opened.length) context.alerts?.kick();
    sendJson(
      res,
      200,
      {
        stored: result.receipts.map((receipt) => receipt.recordId),
        duplicates: result.receipts.filter((receipt) => receipt.duplicate).map((receipt) => receipt.recordId),
        incidents: result.receipts.map(({ recordId, incidentId }) => ({ recordId, incidentId })),
      },
      cors,
    );
  } catch (error) {
    if (error instanceof HttpError) throw new HttpError(error.status, error.code, error.message, { ...cors, ...error.headers }, error.details);
    throw error;
  }
}

const withDeadlines = (incident: IncidentState) => ({ ...incident, deadlines: incidentDeadlines(incident.detectedAt, incident.operatorType) });

async function loadFacts(context: IncidentContext, id: string) {
  const incident = UUID.test(id) ? await context.store.get(id) : undefined;
  if (!incident) throw new HttpError(404, 'not_found', `no incident ${id}`);
  const entries = await context.store.entries(id, 5000);
  return { incident, entries, facts: incidentFacts(incident, entries) };
}

/** Who made a change: the name given with it, else the Basic user name, else `admin`. Control characters are dropped. */
function actorOf(req: IncomingMessage, given: unknown): string {
  const name = (typeof given === 'string' ? given : '').replace(/[\u0000-\u001f\u007f]/g, '').trim() || presentedUser(req) || 'admin';
  return name.slice(0, 100);
}

const text = (value: unknown, max = 4000): string => (typeof value === 'string' ? value.replace(/\r\n/g, '\n').trim().slice(0, max) : '');

/** A change from a form or a JSON body: `action` is `status`, `assessment` or `measure`. */
export function readChange(fields: Record<string, unknown>, encodings: readonly string[]): IncidentChange {
  const yes = (value: unknown) => value === true || value === 'yes';
  switch (fields.action) {
    case 'status': {
      const to = fields.to;
      if (!INCIDENT_STATUSES.includes(to as never)) throw new HttpError(400, 'invalid_change', `to must be one of ${INCIDENT_STATUSES.join(', ')}`);
      return { entry: 'status', to: to as IncidentStatus, note: text(fields.note, 1000) };
    }
    case 'assessment': {
      const severity = fields.severity;
      if (!SEVERITIES.includes(severity as never)) throw new HttpError(400, 'invalid_change', `severity must be one of ${SEVERITIES.join(', ')}`);
      return {
        entry: 'assessment',
        severity: severity as (typeof SEVERITIES)[number],
        consequences: text(fields.consequences),
        // Never exempt because of hashing (R43): the register states why.
        unintelligible: false,
        unintelligibleReason: unintelligibleReason(encodings),
        notifyAuthority: yes(fields.notifyAuthority),
        notifyPeople: yes(fields.notifyPeople),
        reasons: text(fields.reasons),
      };
    }
    case 'measure': {
      const stage = fields.stage === 'planned' ? 'planned' : fields.stage === 'taken' ? 'taken' : undefined;
      const what = text(fields.text);
      if (!stage || !what) throw new HttpError(400, 'invalid_change', 'a measure needs stage (taken or planned) and text');
      return { entry: 'measure', stage, text: what };
    }
    default:
      throw new HttpError(400, 'invalid_change', 'action must be status, assessment or measure');
  }
}

async function applyChange(context: IncidentContext, id: string, fields: Record<string, unknown>, actor: string): Promise<IncidentState> {
  const { facts } = await loadFacts(context, id);
  try {
    return await context.store.change(id, readChange(fields, Object.keys(facts.encodings)), actor, context.now().toISOString());
  } catch (error) {
    if (error instanceof IncidentError) throw new HttpError(error.status, error.status === 404 ? 'not_found' : 'change_refused', error.message);
    throw error;
  }
}

/**
 * The token each of an incident's forms carries: HMAC-SHA256 of the incident id under the admin
 * token. A page on another site cannot know it, so a form it makes a logged-in browser post (with
 * the Basic credentials the browser adds by itself) is refused.
 */
export function formToken(adminToken: string, incidentId: string): string {
  return createHmac('sha256', adminToken).update(`samtycke-incident-form:${incidentId}`).digest('hex');
}

/**
 * A change posted from the admin page: a form with the incident's token, and, when the browser
 * names where it came from, from the collector's own origin. (The admin pages send no referrer,
 * so a browser may send `Origin: null` for them; the token is what decides.)
 */
function assertAdminForm(req: IncomingMessage, fields: Record<string, string>, adminToken: string, id: string): void {
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/x-www-form-urlencoded') throw new HttpError(415, 'unsupported_media_type', 'expected a form (application/x-www-form-urlencoded)');
  const origin = req.headers.origin;
  const site = req.headers['sec-fetch-site'];
  const foreign = (origin !== undefined && origin !== 'null' && !isSameOrigin(origin, req.headers.host)) || (site !== undefined && site !== 'same-origin' && site !== 'none');
  const given = Buffer.from(String(fields.token ?? ''));
  const expected = Buffer.from(formToken(adminToken, id));
  if (foreign || given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new HttpError(403, 'cross_origin_form', 'changes are accepted only from the incident\'s own page on the admin site');
  }
}

/** `/v1/incidents…` (bearer token): the register as JSON, and changes to it. */
export async function incidentApi(req: IncomingMessage, res: ServerResponse, path: string, context: IncidentContext): Promise<void> {
  assertAdmin(req, context.adminToken, false);
  const id = path.split('/')[3];
  if (path === '/v1/incidents') {
    if (req.method !== 'GET') throw new HttpError(405, 'method_not_allowed', `${req.method} is not allowed on ${path}`, { allow: 'GET' });
    sendJson(res, 200, { incidents: sortForList(await context.store.list()).map(withDeadlines) });
    return;
  }
  if (!id || path !== `/v1/incidents/${id}`) throw new HttpError(404, 'not_found', `no route for ${path}`);
  if (req.method === 'POST') {
    assertJsonContentType(req);
    const body = parseJson(await readBody(req, FORM_LIMIT));
    const fields = body !== null && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
    const incident = await applyChange(context, id, fields, actorOf(req, fields.by));
    sendJson(res, 200, { incident: withDeadlines(incident) });
    return;
  }
  if (req.method !== 'GET') throw new HttpError(405, 'method_not_allowed', `${req.method} is not allowed on ${path}`, { allow: 'GET, POST' });
  const { incident, entries } = await loadFacts(context, id);
  sendJson(res, 200, { incident: withDeadlines(incident), entries: entries.map((row) => ({ position: row.position, ...JSON.parse(row.content) })) });
}

/** `/admin/incidents…`: the register's pages, the exports, and the forms' changes. */
export async function incidentAdmin(req: IncomingMessage, res: ServerResponse, path: string, url: URL, context: IncidentContext): Promise<void> {
  assertAdmin(req, context.adminToken, true);
  const now = context.now();
  if (path === '/admin/incidents' || path === '/admin/incidents/') {
    sendHtml(res, 200, renderIncidentList(await context.store.list(), now));
    return;
  }
  const [, , , id = '', tail] = path.split('/');
  if (req.method === 'POST' && tail === undefined) {
    const fields = Object.fromEntries(new URLSearchParams((await readBody(req, FORM_LIMIT)).toString('utf8')));
    assertAdminForm(req, fields, context.adminToken!, id);
    await applyChange(context, id, fields, actorOf(req, fields.by));
    res.writeHead(303, { location: `/admin/incidents/${encodeURIComponent(id)}`, 'cache-control': 'no-store', 'content-length': '0' });
    res.end();
    return;
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') throw new HttpError(405, 'method_not_allowed', `${req.method} is not allowed on ${path}`, { allow: 'GET, POST' });
  const { incident, entries, facts } = await loadFacts(context, id);
  if (tail === undefined) {
    const alerts = context.alerts ? await context.store.alerts(id) : undefined;
    sendHtml(res, 200, renderIncidentPage(facts, entries, alerts, now, presentedUser(req) ?? '', formToken(context.adminToken!, id)));
    return;
  }
  const form = url.searchParams.get('for') ?? 'imy';
  if (form !== 'imy' && form !== 'pts') throw new HttpError(400, 'invalid_query', 'for must be imy or pts');
  const exported = incidentExport(facts, form, context.settings, now);
  if (tail === 'report.json') {
    sendJson(res, 200, exported, { 'content-disposition': `attachment; filename="incident-${incident.number}-${form}.json"` });
  } else if (tail === 'report') {
    sendHtml(res, 200, renderExportPage(exported, form, incident.id));
  } else {
    throw new HttpError(404, 'not_found', `no route for ${path}`);
  }
}
