/**
 * The audit as one HTML page (`--report DIR` writes DIR/index.html beside the
 * screenshots and report.json): the verdict, every finding under its rule,
 * and per pass its screenshots, requests, cookies and storage. Every value
 * from the audited site is escaped: the report must be safe to open whatever
 * the site sent.
 */
import type { AuditReport, CookieRecord, PassRecord, RequestRecord } from './audit-report.js';

const PASS_TITLES: Record<PassRecord['id'], string> = {
  'first-visit': 'First visit, no interaction (then Escape and a click beside the banner)',
  reject: 'Reject all, then other pages',
  accept: 'Accept all, then forms with a synthetic identity',
  withdraw: 'Accept all, then withdrawal through the settings',
  gpc: 'First visit with Global Privacy Control, Accept all',
};

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

const verdictClass = (verdict: string): string => (verdict === 'optional' ? 'optional' : verdict === 'unknown' ? 'unknown' : 'necessary');

function requestRows(requests: readonly RequestRecord[]): string {
  if (!requests.length) return '<p>No request left the browser.</p>';
  const rows = requests.map((request) => {
    const { origin, pathname } = new URL(request.url);
    const since = request.sinceDecision === null ? '' : `${request.sinceDecision >= 0 ? '+' : ''}${request.sinceDecision} ms`;
    const c = request.classification;
    return `<tr class="${verdictClass(c.verdict)}"><td>${escapeHtml(since)}</td><td>${escapeHtml(request.host)}</td><td class="url">${escapeHtml(origin + pathname)}</td><td>${escapeHtml(request.type)}${request.afterLoad ? ' <small>late</small>' : ''}</td><td class="url">${escapeHtml(request.initiator ? `${request.initiator.type}${request.initiator.url ? ` ${request.initiator.url}` : ''}` : '')}</td><td>${escapeHtml(c.verdict)}${c.category ? ` · ${escapeHtml(c.category)}` : ''}${c.service ? ` · ${escapeHtml(c.service)}` : ''}</td></tr>`;
  });
  return `<details><summary>${requests.length} requests</summary><table><thead><tr><th>since decision</th><th>host</th><th>URL (no query)</th><th>type</th><th>initiator</th><th>classified</th></tr></thead><tbody>${rows.join('')}</tbody></table></details>`;
}

function cookieRows(cookies: readonly CookieRecord[], label: string): string {
  if (!cookies.length) return `<p>No cookie ${escapeHtml(label)}.</p>`;
  const rows = cookies.map((cookie) => {
    const c = cookie.classification;
    const lifetime = cookie.lifetimeDays === null ? 'session' : `${Math.round(cookie.lifetimeDays)} days`;
    return `<tr class="${verdictClass(c.verdict)}"><td>${escapeHtml(cookie.name)}</td><td>${escapeHtml(cookie.domain)}${cookie.thirdParty ? ' <small>third party</small>' : ''}</td><td>${escapeHtml(cookie.path)}</td><td>${escapeHtml(lifetime)}</td><td>${cookie.size}</td><td class="url">${escapeHtml(cookie.setBy ? `${cookie.setBy.kind} ${cookie.setBy.url}` : 'unknown')}</td><td>${escapeHtml(c.verdict)}${c.category ? ` · ${escapeHtml(c.category)}` : ''}${c.service ? ` · ${escapeHtml(c.service)}` : ''}</td></tr>`;
  });
  return `<table><caption>Cookies ${escapeHtml(label)}</caption><thead><tr><th>name</th><th>domain</th><th>path</th><th>lifetime</th><th>bytes</th><th>set by</th><th>classified</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function passSection(pass: PassRecord): string {
  const last = pass.snapshots.at(-1);
  const shots = pass.screenshots.map((shot) => `<figure><img src="${escapeHtml(shot.file)}" alt="${escapeHtml(`${pass.id}: ${shot.label}`)}" loading="lazy"><figcaption>${escapeHtml(shot.label)}</figcaption></figure>`).join('');
  const storage = (last?.storage ?? []).filter((origin) => origin.localStorage.length + origin.sessionStorage.length + origin.indexedDB.length > 0);
  const storageList = storage.length
    ? `<ul>${storage.map((origin) => `<li>${escapeHtml(origin.origin)}: localStorage [${escapeHtml(origin.localStorage.join(', '))}], sessionStorage [${escapeHtml(origin.sessionStorage.join(', '))}], IndexedDB [${escapeHtml(origin.indexedDB.join(', '))}]</li>`).join('')}</ul>`
    : '<p>No storage keys.</p>';
  const pages = pass.pages.length ? `<p>Pages: ${pass.pages.map((page) => `${escapeHtml(new URL(page.url).pathname)} (settings entry: ${page.settingsEntry === null ? 'not checked' : page.settingsEntry ? 'yes' : '<b>no</b>'})`).join(', ')}</p>` : '';
  return `<section><h2>${escapeHtml(PASS_TITLES[pass.id])}</h2>
<p class="status ${escapeHtml(pass.status)}">${escapeHtml(pass.status)}${pass.note ? `: ${escapeHtml(pass.note)}` : ''} · ${(pass.durationMs / 1000).toFixed(1)} s</p>
<div class="shots">${shots}</div>${pages}
${cookieRows(last?.cookies ?? [], `at the end (${last?.label ?? 'none'})`)}
${storageList}
${requestRows(pass.requests)}</section>`;
}

/**
 * Renders the report as a self-contained HTML page (screenshots are linked files).
 * @example await writeFile(join(dir, 'index.html'), renderHtmlReport(report));
 */
export function renderHtmlReport(report: AuditReport): string {
  const failed = report.summary.must > 0 || report.summary.failedPasses.length > 0;
  const findings = report.findings.length
    ? `<table class="findings"><thead><tr><th>rule</th><th>level</th><th>pass</th><th>finding</th></tr></thead><tbody>${report.findings
        .map((finding) => `<tr class="${finding.severity}"><td>${escapeHtml(finding.rule)}</td><td>${escapeHtml(finding.severity)}</td><td>${escapeHtml(finding.pass)}</td><td>${escapeHtml(finding.message)}</td></tr>`)
        .join('')}</tbody></table>`
    : '<p>No findings.</p>';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>samtycke audit: ${escapeHtml(report.url)}</title>
<style>
body{font:15px/1.45 system-ui,sans-serif;margin:0 auto;max-width:72rem;padding:1.5rem;color:#1b1b1b}
h1{font-size:1.5rem;margin:0 0 .25rem}h2{font-size:1.15rem;margin-top:2rem;border-top:1px solid #ccc;padding-top:1rem}
.verdict{display:inline-block;padding:.25rem .75rem;border-radius:.25rem;font-weight:700;color:#fff;background:${failed ? '#a4161a' : '#1b6e3a'}}
table{border-collapse:collapse;width:100%;margin:.5rem 0;font-size:13px}th,td{border:1px solid #ddd;padding:.25rem .4rem;text-align:left;vertical-align:top}
caption{text-align:left;font-weight:600;padding:.25rem 0}td.url{word-break:break-all}
tr.must td{background:#fde8e8}tr.should td{background:#fff6df}tr.optional td:last-child{color:#a4161a;font-weight:600}tr.unknown td:last-child{color:#8a5a00}
.shots{display:flex;gap:.75rem;flex-wrap:wrap}figure{margin:0;width:22rem}img{width:100%;border:1px solid #bbb}figcaption{font-size:12px;color:#555}
.status.failed{color:#a4161a}.status.skipped{color:#8a5a00}small{color:#555}
</style></head><body>
<h1>samtycke audit</h1>
<p><span class="verdict">${failed ? 'FAIL' : 'PASS'}</span> ${escapeHtml(report.url)} · ${report.summary.must} must, ${report.summary.should} should · ${new Date(report.startedAt).toISOString()} · ${(report.durationMs / 1000).toFixed(1)} s</p>
<p>Controls: ${escapeHtml(report.controls)} · config: ${escapeHtml(report.config.source)}${report.config.problems.length ? ` (skipped: ${escapeHtml(report.config.problems.join('; '))})` : ''} · consent cookie: ${escapeHtml(report.consentCookie ?? 'none found')}</p>
<h2>Findings</h2>${findings}
${report.passes.map(passSection).join('\n')}
<p><small>Cookie classification uses the Open Cookie Database (Apache-2.0). Rules: RULES.md R01–R48; method and limits: docs/audit.md.</small></p>
</body></html>
`;
}
