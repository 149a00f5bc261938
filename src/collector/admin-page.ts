import type { StoredProof } from './proof-store.js';

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"'`]/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** A complete admin page around `body`. */
export function layout(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>${escapeHtml(title)} · samtycke</title>
<style>
body{font:15px/1.5 system-ui,sans-serif;margin:2rem;color:#1b1b1b}
table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #ddd;padding:.35rem .5rem;text-align:left;vertical-align:top}
code,pre{font:13px ui-monospace,monospace}pre{white-space:pre-wrap;background:#f5f5f5;padding:1rem;border-radius:4px}
.legend{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:1rem}.tables{display:grid;grid-template-columns:repeat(auto-fit,minmax(14rem,1fr));gap:1rem}
caption{text-align:left;font-weight:600}
label{display:block;margin:.4rem 0}textarea,input,select{font:inherit;max-width:100%}textarea{width:40rem}fieldset{margin:1rem 0}
.late{color:#a00;font-weight:600}.alert{background:#fff4e5;border:1px solid #f0a040;padding:.5rem 1rem}
@media print{nav,form{display:none}body{margin:0}}
</style></head><body>${body}</body></html>`;
}

function choicesSummary(choices: unknown): string {
  if (!choices || typeof choices !== 'object') return '';
  return Object.entries(choices as Record<string, boolean>)
    .map(([category, granted]) => `${category}: ${granted ? 'yes' : 'no'}`)
    .join(', ');
}

/** The admin overview: the most recent decisions, newest first, and how many incidents are open. */
export function renderRecentPage(rows: readonly StoredProof[], total: number, openIncidents = 0): string {
  const lines = rows
    .map((row) => {
      const record = JSON.parse(row.content) as Record<string, unknown>;
      return `<tr><td>${escapeHtml(row.chain)}:${escapeHtml(row.position)}</td>
<td><a href="/admin/proofs/${encodeURIComponent(row.recordId)}">${escapeHtml(row.recordId)}</a></td>
<td>${escapeHtml(row.timestamp)}</td><td>${escapeHtml(row.action)}</td>
<td>${escapeHtml(choicesSummary(record.choices))}</td><td>${escapeHtml(record.revision)}</td>
<td>${escapeHtml(record.locale)}</td><td>${escapeHtml(record.page)}</td></tr>`;
    })
    .join('\n');
  return layout(
    'Recent decisions',
    `${openIncidents ? `<p class="alert"><a href="/admin/incidents">${escapeHtml(openIncidents)} open incident${openIncidents === 1 ? '' : 's'}</a>: a form value reached a third party.</p>` : ''}<h1>Recent decisions</h1><p>${escapeHtml(total)} records stored. Showing the latest ${escapeHtml(rows.length)}. <a href="/admin/stats">Consent statistics</a> · <a href="/admin/incidents">Incident register</a></p>
<table><thead><tr><th>Chain:position</th><th>Record</th><th>Timestamp</th><th>Action</th><th>Choices</th><th>Revision</th><th>Locale</th><th>Page</th></tr></thead>
<tbody>${lines || '<tr><td colspan="8">No records yet.</td></tr>'}</tbody></table>`,
  );
}

/** One record with every stored field and the exact text the visitor saw. */
export function renderProofPage(row: StoredProof, text: string | undefined): string {
  const record = JSON.parse(row.content) as Record<string, unknown>;
  const fields = Object.entries({ ...record, chain: row.chain, position: row.position, receivedAt: row.receivedAt, contentHash: row.contentHash, chainHash: row.chainHash })
    .map(([key, value]) => `<tr><th>${escapeHtml(key)}</th><td><code>${escapeHtml(typeof value === 'object' ? JSON.stringify(value) : value)}</code></td></tr>`)
    .join('\n');
  const textBlock =
    text === undefined
      ? '<p>The text for this hash was not archived (the client sent only its hash).</p>'
      : `<pre>${escapeHtml(text)}</pre>`;
  return layout(
    `Record ${row.recordId}`,
    `<p><a href="/admin">← Recent decisions</a></p><h1>Record <code>${escapeHtml(row.recordId)}</code></h1>
<table>${fields}</table><h2>Text shown</h2>${textBlock}`,
  );
}

export function renderNotFoundPage(recordId: string): string {
  return layout('Not found', `<p><a href="/admin">← Recent decisions</a></p><h1>No record ${escapeHtml(recordId)}</h1>`);
}
