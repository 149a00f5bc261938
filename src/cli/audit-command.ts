/**
 * Runs `samtycke audit` for the command line: a progress line per pass on
 * stderr, the findings (or, with `--json`, the whole report) on stdout, and
 * with `--report DIR` an HTML report, report.json and the screenshots in DIR.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AuditReport, PassRecord } from '../audit/audit-report.js';
import { renderHtmlReport } from '../audit/html-report.js';
import { readBaseline, runAudit } from '../audit/run-audit.js';

/** The audit's options as the command line gives them. */
export interface AuditCommandOptions {
  url: string;
  pages: number;
  json: boolean;
  accept?: string | undefined;
  reject?: string | undefined;
  settings?: string | undefined;
  consentCookie?: string | undefined;
  configFile?: string | undefined;
  reportDir?: string | undefined;
  baselineFile?: string | undefined;
}

const PASS_NAMES: Record<PassRecord['id'], string> = {
  'first-visit': 'first visit',
  reject: 'Reject all',
  accept: 'Accept all',
  withdraw: 'withdrawal',
  gpc: 'Global Privacy Control',
};

function progressLine(pass: PassRecord, index: number, total: number): string {
  const cookies = new Set(pass.snapshots.flatMap((snap) => snap.cookies.map((cookie) => `${cookie.name}@${cookie.domain}`))).size;
  const hosts = new Set(pass.requests.map((request) => request.host)).size;
  const what = pass.status === 'done' ? `${pass.requests.length} requests to ${hosts} hosts, ${cookies} cookies` : `${pass.status}: ${pass.note}`;
  return `[${index + 1}/${total}] ${PASS_NAMES[pass.id]}: ${what} (${(pass.durationMs / 1000).toFixed(1)} s)\n`;
}

function summaryText(report: AuditReport): string {
  const lines = report.findings.map((finding) => `${finding.severity === 'must' ? 'FAIL' : 'warn'} ${finding.rule} [${finding.pass}] ${finding.message}\n`);
  const failed = report.passes.filter((pass) => pass.status === 'failed').map((pass) => `error [${pass.id}] the pass broke off: ${pass.note}\n`);
  const verdict = auditFailed(report) ? 'FAILED' : 'passed';
  return `${lines.join('')}${failed.join('')}audit ${verdict}: ${report.summary.must} must, ${report.summary.should} should findings in ${(report.durationMs / 1000).toFixed(1)} s\n`;
}

/**
 * Runs the audit and prints it; resolves `true` when a *must* finding or a broken-off pass failed it.
 * @throws {Error} when a file cannot be read or written, or the audit cannot run.
 */
export async function audit(options: AuditCommandOptions): Promise<boolean> {
  const configText = options.configFile === undefined ? undefined : await readFile(options.configFile, 'utf8');
  const baseline = options.baselineFile === undefined ? undefined : await readBaseline(options.baselineFile);
  process.stderr.write(`samtycke audit ${options.url}\n`);
  const report = await runAudit(
    {
      url: options.url,
      pages: options.pages,
      ...(options.accept === undefined ? {} : { accept: options.accept }),
      ...(options.reject === undefined ? {} : { reject: options.reject }),
      ...(options.settings === undefined ? {} : { settings: options.settings }),
      ...(options.consentCookie === undefined ? {} : { consentCookie: options.consentCookie }),
      ...(configText === undefined ? {} : { configText }),
      ...(baseline === undefined ? {} : { baseline }),
      ...(options.reportDir === undefined ? {} : { reportDir: options.reportDir }),
    },
    (pass, index, total) => process.stderr.write(progressLine(pass, index, total)),
  );
  if (options.reportDir) {
    await writeFile(join(options.reportDir, 'report.json'), `${JSON.stringify(report, null, 2)}\n`);
    await writeFile(join(options.reportDir, 'index.html'), renderHtmlReport(report));
    process.stderr.write(`report: ${join(options.reportDir, 'index.html')}\n`);
  }
  if (options.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  else process.stdout.write(summaryText(report));
  return auditFailed(report);
}

/** A must finding, or a pass that could not run. */
const auditFailed = (report: AuditReport): boolean => report.summary.must > 0 || report.summary.failedPasses.length > 0;
