/**
 * The inventory of an audit (R40): every host contacted and every cookie set,
 * what of it nobody declared, cookies that outlive 13 months, and what is new
 * since a saved run (`--baseline`). All of it is a *should*: drift is a reason
 * to look, not a breach by itself.
 */
import { MAX_RETENTION_DAYS } from '../config/retention.js';
import type { AuditReport, Finding, PassRecord } from './audit-report.js';
import { cookieEvidence, longestLifetime } from './check-traffic.js';

/** Every host contacted and every cookie (as `name@domain`) seen, over all passes, sorted. */
export function inventory(passes: readonly PassRecord[]): { hosts: string[]; cookies: string[] } {
  const hosts = new Set(passes.flatMap((pass) => pass.requests.map((request) => request.host)));
  const cookies = new Set(passes.flatMap((pass) => pass.snapshots.flatMap((snap) => snap.cookies.map((cookie) => `${cookie.name}@${cookie.domain}`))));
  return { hosts: [...hosts].sort(), cookies: [...cookies].sort() };
}

/** Undeclared third-party hosts and cookies, and cookies that last longer than 13 months. */
export function checkInventory(passes: readonly PassRecord[]): Finding[] {
  const findings: Finding[] = [];
  const hosts = new Map<string, string>();
  for (const pass of passes) for (const request of pass.requests) if (request.thirdParty && request.classification.verdict === 'unknown') hosts.set(request.host, pass.id);
  const cookies = new Map<string, ReturnType<typeof cookieEvidence>>();
  const lasting = new Map<string, ReturnType<typeof cookieEvidence>>();
  for (const pass of passes) {
    for (const snap of pass.snapshots) {
      for (const cookie of snap.cookies) {
        const key = `${cookie.name}@${cookie.domain}`;
        if (cookie.classification.verdict === 'unknown') cookies.set(key, cookieEvidence(cookie));
        if ((longestLifetime(cookie) ?? 0) > MAX_RETENTION_DAYS + 1) lasting.set(key, cookieEvidence(cookie));
      }
    }
  }
  if (hosts.size || cookies.size) {
    const what = [hosts.size ? `hosts ${[...hosts.keys()].join(', ')}` : '', cookies.size ? `cookies ${[...cookies.keys()].join(', ')}` : ''].filter(Boolean).join('; ');
    findings.push({ rule: 'R40', severity: 'should', pass: 'all', message: `Undeclared: neither the site's config nor the Open Cookie Database knows ${what}. Declare them, as necessary or in a category.`, evidence: [...[...hosts].map(([host, pass]) => ({ host, pass })), ...cookies.values()] });
  }
  if (lasting.size) {
    findings.push({ rule: 'R40', severity: 'should', pass: 'all', message: `Cookies that last longer than 13 months: ${[...lasting.keys()].join(', ')}.`, evidence: [...lasting.values()] });
  }
  return findings;
}

/**
 * What is new since a saved report: hosts and cookies it did not list (R40 drift).
 * @throws {Error} when `baseline` is not a report of `samtycke audit --json`.
 */
export function checkDrift(passes: readonly PassRecord[], baseline: unknown): Finding[] {
  const summary = (baseline as Partial<AuditReport> | null)?.summary;
  if (!summary || !Array.isArray(summary.hosts) || !Array.isArray(summary.cookies)) throw new Error('the baseline is not a report of samtycke audit --json (no summary.hosts and summary.cookies)');
  const now = inventory(passes);
  const [hosts, cookies] = [now.hosts.filter((host) => !summary.hosts.includes(host)), now.cookies.filter((cookie) => !summary.cookies.includes(cookie))];
  if (!hosts.length && !cookies.length) return [];
  const what = [hosts.length ? `hosts ${hosts.join(', ')}` : '', cookies.length ? `cookies ${cookies.join(', ')}` : ''].filter(Boolean).join('; ');
  return [{ rule: 'R40', severity: 'should', pass: 'all', message: `New since the baseline: ${what}.`, evidence: [...hosts.map((host) => ({ host, new: true })), ...cookies.map((cookie) => ({ cookie, new: true }))] }];
}
