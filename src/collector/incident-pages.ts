/**
 * The admin pages of the incident register: the list (open incidents first, nearest deadline
 * first, with the time left), one incident with its evidence, history and the forms that change
 * it, and the printable notification export. Plain HTML under the admin CSP: no script, every
 * value escaped.
 */
import { escapeHtml as e, layout } from './admin-page.js';
import { describeIncident, timeLeft, type ExportForm, type IncidentFacts, incidentExport } from './incident-export.js';
import { INCIDENT_STATUSES, SEVERITIES, incidentDeadlines, unintelligibleReason, type IncidentState } from './incident-model.js';
import type { AlertRow, StoredEntry } from './incident-register.js';
import type { LeakReport } from '../proof/leak-report.js';

const DEADLINE_NAMES: Readonly<Record<string, string>> = { gdpr: 'IMY (GDPR art. 33, 72 h)', ptsInitial: 'PTS initial report (24 h)', ptsFull: 'PTS complete report (3 days)' };

/** The deadlines still to meet: none once notified (GDPR, PTS initial) or closed. */
function openDeadlines(incident: IncidentState): Array<[string, string]> {
  if (incident.status === 'closed') return [];
  return Object.entries(incidentDeadlines(incident.detectedAt, incident.operatorType)).filter(
    ([name, at]) => at !== undefined && !(incident.status === 'notified' && name !== 'ptsFull'),
  ) as Array<[string, string]>;
}

const receiver = (incident: IncidentState) => `${e(incident.host)}${incident.service ? ` <small>(${e(incident.service)})</small>` : ' <small>(undeclared)</small>'}`;

/**
 * Open incidents first, by their nearest deadline; then closed ones, newest first.
 * @example sortForList(await store.incidents.list())
 */
export function sortForList(incidents: readonly IncidentState[]): IncidentState[] {
  const next = (incident: IncidentState) => openDeadlines(incident).map(([, at]) => at).sort()[0] ?? '9999';
  return [...incidents].sort((a, b) => Number(a.status === 'closed') - Number(b.status === 'closed') || next(a).localeCompare(next(b)) || b.number - a.number);
}

/** `GET /admin/incidents`: the register. */
export function renderIncidentList(incidents: readonly IncidentState[], now: Date): string {
  const rows = sortForList(incidents)
    .map((incident) => {
      const deadlines = openDeadlines(incident)
        .map(([name, at]) => `<div class="${at < now.toISOString() ? 'late' : ''}">${e(DEADLINE_NAMES[name])}: ${e(timeLeft(at, now))}</div>`)
        .join('');
      return `<tr class="${e(incident.status)}"><td><a href="/admin/incidents/${e(incident.id)}">#${e(incident.number)}</a></td>
<td>${e(incident.status)}</td><td>${e(incident.dataKind)} → ${receiver(incident)}</td>
<td>${e(incident.visitors + incident.withoutConsentId)}</td><td>${e(incident.occurrences)}${incident.blocked ? ` <small>(${e(incident.blocked)} blocked)</small>` : ''}</td>
<td>${e(incident.detectedAt)}</td><td>${deadlines || '—'}</td></tr>`;
    })
    .join('\n');
  const open = incidents.filter((incident) => incident.status !== 'closed').length;
  return layout(
    'Incident register',
    `<nav><a href="/admin">← Recent decisions</a></nav><h1>Incident register</h1>
<p>${e(open)} open, ${e(incidents.length)} in the register. Every leak samtycke's sentinel reports is kept here, notified or not
(PTS: "samtliga integritetsincidenter ska föras in i en förteckning"; GDPR art. 33(5)). JSON: <code>GET /v1/incidents</code>.</p>
<table><thead><tr><th>Incident</th><th>Status</th><th>Data → recipient</th><th>People</th><th>Occurrences</th><th>Detected</th><th>Deadlines</th></tr></thead>
<tbody>${rows || '<tr><td colspan="7">No incidents.</td></tr>'}</tbody></table>`,
  );
}

function countTable(caption: string, counts: Record<string, number>): string {
  const rows = Object.entries(counts)
    .sort((a, b) => b[1] - a[1])
    .map(([key, count]) => `<tr><td>${e(key)}</td><td>${e(count)}</td></tr>`)
    .join('');
  return `<table><caption>${e(caption)}</caption><tbody>${rows || '<tr><td colspan="2">—</td></tr>'}</tbody></table>`;
}

function options(values: readonly string[], selected?: string): string {
  return values.map((value) => `<option${value === selected ? ' selected' : ''}>${e(value)}</option>`).join('');
}

/**
 * `GET /admin/incidents/:id`: the incident, its deadlines, evidence, history and the forms that change it.
 * @param alerts the incident's alerts, or `undefined` when no webhook or e-mail is configured
 * @param token the forms' token (`formToken`)
 */
export function renderIncidentPage(facts: IncidentFacts, entries: readonly StoredEntry[], alerts: readonly AlertRow[] | undefined, now: Date, actor: string, token: string): string {
  const { incident, assessment } = facts;
  const path = `/admin/incidents/${encodeURIComponent(incident.id)}`;
  const deadlines = Object.entries(facts.deadlines)
    .map(([name, at]) => `<tr><th>${e(DEADLINE_NAMES[name])}</th><td>${e(at)}</td><td>${openDeadlines(incident).some(([open]) => open === name) ? e(timeLeft(at!, now)) : 'met or not needed'}</td></tr>`)
    .join('');
  const reports = entries
    .filter((row) => row.entry === 'report')
    .slice(-25)
    .reverse()
    .map((row) => {
      const report = (JSON.parse(row.content) as { report: LeakReport }).report;
      return `<tr><td>${e(row.at)}</td><td>${e(report.detectedAt)}</td><td>${e(report.form)}${report.encoding === 'plain' ? '' : `+${e(report.encoding)}`}</td>
<td>${e(report.requestKind)}${report.blocked ? ' (blocked)' : ''}</td><td>${e(report.page)}</td><td>${e(report.consentId ?? 'no decision')}</td>
<td>${report.granted === null ? 'undeclared' : report.granted ? 'granted' : report.decided ? 'refused' : 'undecided'}</td><td>${e(report.libraryVersion)}</td></tr>`;
    })
    .join('\n');
  const history = facts.history.map((item) => `<tr><td>${e(item.at)}</td><td>${e(item.actor)}</td><td>${e(item.summary)}</td></tr>`).join('');
  const alertRows = (alerts ?? [])
    .map((alert) => `<tr><td>${e(alert.alert)}</td><td>${e(alert.dueAt)}</td><td>${e(alert.outcome ?? 'pending')}</td><td>${e(alert.attempts)}</td><td>${e(alert.lastError ?? '')}</td></tr>`)
    .join('');
  const nextStatuses = INCIDENT_STATUSES.slice(INCIDENT_STATUSES.indexOf(incident.status) + 1);
  const by = `<label>Changed by <input name="by" required maxlength="100" value="${e(actor)}"></label><input type="hidden" name="token" value="${e(token)}">`;
  const closed = incident.status === 'closed';
  const forms = closed
    ? '<p>The incident is closed: its entry in the register is final. A new report opens a new incident.</p>'
    : `<h2>Record a change</h2>
<form method="post" action="${path}"><fieldset><legend>Assessment</legend><input type="hidden" name="action" value="assessment">
<label>Risk to the people concerned <select name="severity">${options(SEVERITIES, assessment?.severity)}</select></label>
<label>Likely consequences <textarea name="consequences" rows="3" maxlength="4000">${e(assessment?.consequences ?? '')}</textarea></label>
<p>Unintelligible data: <strong>no</strong>. ${e(unintelligibleReason(Object.keys(facts.encodings)))}</p>
<label>Notify the authority <select name="notifyAuthority">${options(['yes', 'no'], assessment && !assessment.notifyAuthority ? 'no' : 'yes')}</select></label>
<label>Notify the people concerned <select name="notifyPeople">${options(['no', 'yes'], assessment?.notifyPeople ? 'yes' : 'no')}</select></label>
<label>Reasons <textarea name="reasons" rows="3" maxlength="4000">${e(assessment?.reasons ?? '')}</textarea></label>
${by}<button>Record the assessment</button></fieldset></form>
<form method="post" action="${path}"><fieldset><legend>Measure</legend><input type="hidden" name="action" value="measure">
<label>Stage <select name="stage">${options(['taken', 'planned'])}</select></label>
<label>What <textarea name="text" rows="2" required maxlength="4000"></textarea></label>${by}<button>Record the measure</button></fieldset></form>
<form method="post" action="${path}"><fieldset><legend>Status</legend><input type="hidden" name="action" value="status">
<label>New status <select name="to">${options(nextStatuses)}</select></label>
<label>Note (e.g. the authority's case number) <input name="note" maxlength="1000"></label>${by}
<button>Change the status</button>${incident.assessedAt ? '' : ' <small>An assessment comes first.</small>'}</fieldset></form>`;
  return layout(
    `Incident ${incident.number}`,
    `<nav><a href="/admin/incidents">← Incident register</a></nav>
<h1>Incident #${e(incident.number)}: ${e(incident.dataKind)} → ${receiver(incident)}</h1>
<p>${e(describeIncident(facts))}</p>
<p>Export for notification: <a href="${path}/report?for=imy">IMY (printable)</a> · <a href="${path}/report.json?for=imy">IMY (JSON)</a> ·
<a href="${path}/report?for=pts">PTS (printable)</a> · <a href="${path}/report.json?for=pts">PTS (JSON)</a></p>
<table><tbody>
<tr><th>Status</th><td colspan="2">${e(incident.status)}</td></tr>
<tr><th>Detected (first report received)</th><td colspan="2">${e(incident.detectedAt)}</td></tr>
<tr><th>Seen in browsers</th><td colspan="2">${e(incident.firstSeen)} – ${e(incident.lastSeen)}</td></tr>
<tr><th>People concerned</th><td colspan="2">${e(incident.visitors)} distinct consent ids${incident.withoutConsentId ? `, plus ${e(incident.withoutConsentId)} report(s) without a consent decision` : ''}</td></tr>
<tr><th>Occurrences</th><td colspan="2">${e(incident.occurrences)}, of which ${e(incident.blocked)} stopped in the browser</td></tr>
<tr><th>Operator type</th><td colspan="2">${e(incident.operatorType)}</td></tr>
${deadlines}</tbody></table>
<h2>Evidence</h2><div class="tables">${countTable('Encodings', facts.encodings)}${countTable('Requests', facts.requestKinds)}${countTable('Pages', facts.pages)}${countTable('Form fields', facts.fields)}${countTable('Consent state', facts.consent)}${countTable('Library versions', facts.libraryVersions)}</div>
<table><caption>Latest reports</caption><thead><tr><th>Received</th><th>Detected (browser)</th><th>Encoding</th><th>Request</th><th>Page</th><th>Consent id</th><th>Service's category</th><th>Version</th></tr></thead><tbody>${reports}</tbody></table>
<h2>Register entries</h2><table><thead><tr><th>When</th><th>Who</th><th>What</th></tr></thead><tbody>${history}</tbody></table>
<h2>Alerts</h2>${
      alerts
        ? `<table><thead><tr><th>Alert</th><th>Due</th><th>Outcome</th><th>Attempts</th><th>Last error</th></tr></thead><tbody>${alertRows}</tbody></table>`
        : '<p class="alert">No webhook or e-mail is configured (<code>SAMTYCKE_INCIDENT_WEBHOOK</code>, <code>SAMTYCKE_INCIDENT_EMAIL_TO</code>): nobody is told when an incident opens or a deadline nears.</p>'
    }
${forms}`,
  );
}

/** What an empty field of the export means, where it does not mean "the site owner fills it in". */
const EMPTY_MEANS: Readonly<Record<string, string>> = {
  lateNotificationReason: 'not needed: not past the deadline, or already notified',
  dueBy: 'not applicable: the site is not a provider of public electronic communications services',
};

function renderValue(value: unknown, key = ''): string {
  if (value === null || value === undefined) return `<em>${e(EMPTY_MEANS[key] ?? 'to be completed by the site owner')}</em>`;
  if (Array.isArray(value)) return value.length ? `<ul>${value.map((item) => `<li>${renderValue(item)}</li>`).join('')}</ul>` : '—';
  if (typeof value === 'object') {
    return `<table><tbody>${Object.entries(value as Record<string, unknown>)
      .map(([name, item]) => `<tr><th>${e(name)}</th><td>${renderValue(item, name)}</td></tr>`)
      .join('')}</tbody></table>`;
  }
  return e(typeof value === 'boolean' ? (value ? 'yes' : 'no') : value);
}

/** `GET /admin/incidents/:id/report?for=imy|pts`: the export as a page to print or copy from. */
export function renderExportPage(exported: ReturnType<typeof incidentExport>, form: ExportForm, id: string): string {
  return layout(
    `${form.toUpperCase()} report, incident ${exported.incident.number}`,
    `<nav><a href="/admin/incidents/${e(id)}">← Incident #${e(exported.incident.number)}</a> · <a href="?for=${form === 'imy' ? 'pts' : 'imy'}">${form === 'imy' ? 'PTS' : 'IMY'} version</a></nav>
<h1>${e(exported.form)}</h1><p>Drawn from the incident register on ${e(exported.generatedAt)}. Review every field before filing.</p>${renderValue(exported)}`,
  );
}
