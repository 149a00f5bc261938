/**
 * `samtycke audit <url>`: proves in a site's CI that it sets nothing and sends
 * nothing before consent. Five passes, each in a fresh Chromium profile, then
 * the checks of RULES.md they can measure. See docs/audit.md.
 */
import { mkdir, readFile } from 'node:fs/promises';
import type { AuditReport, Finding, PassRecord } from './audit-report.js';
import { checkChoices, checkConsentCookie, checkOneClick, checkSettingsEntry, consentCookieNames } from './check-choices.js';
import { checkDrift, checkInventory, inventory } from './check-inventory.js';
import { checkFirstVisit, checkGpc, checkLeaks, checkReject, checkWithdrawal } from './check-traffic.js';
import { createClassifier } from './classify.js';
import { SAMTYCKE_CONTROLS, type ControlSelectors } from './consent-controls.js';
import { DEFAULT_CHROME_PATH } from './launch-browser.js';
import { acceptPass, firstVisitPass, gpcPass, rejectPass, withdrawPass, type PassSetup } from './passes.js';
import { NO_DECLARATIONS, readDeclarations, type SiteDeclarations } from './site-config.js';
import { createIdentity, needlesFor } from './synthetic-identity.js';

/** Options of `runAudit()`. */
export interface AuditOptions {
  url: string;
  /** CSS selectors of another consent tool's controls; without them samtycke's are looked for. */
  accept?: string;
  reject?: string;
  settings?: string;
  /** The cookie that stores the decision, when it cannot be found by itself. */
  consentCookie?: string;
  /** A samtycke config (JSON text) to classify with, instead of the page's. */
  configText?: string;
  /** A saved report (parsed JSON) to compare hosts and cookies with (R40 drift). */
  baseline?: unknown;
  /** Folder for screenshots (and the HTML report, written by the caller). */
  reportDir?: string;
  /** Pages to visit after Reject all, the start page included; default 3. */
  pages?: number;
  /** Chromium; default `CHROME_PATH` or /usr/bin/chromium. */
  chromePath?: string;
  /** More Chromium flags. */
  extraFlags?: readonly string[];
  /** How long to wait for a banner or settings entry to appear (ms); default 5000. */
  waitMs?: number;
  /** Browsers at a time for the passes after the first visit; default 2. */
  parallel?: number;
}

const ORDER: readonly PassRecord['id'][] = ['first-visit', 'reject', 'accept', 'withdraw', 'gpc'];

/** Called once per pass, when it ends. */
export type ProgressListener = (pass: PassRecord, index: number, total: number) => void;

const PASSES = [firstVisitPass, rejectPass, acceptPass, withdrawPass, gpcPass] as const;

function declarationsOf(text: string, origin: string): SiteDeclarations {
  try {
    return readDeclarations(JSON.parse(text));
  } catch (error) {
    return { ...NO_DECLARATIONS, problems: [`the ${origin} config is not JSON: ${(error as Error).message}`] };
  }
}

function controlsFor(options: AuditOptions, hasConfig: boolean): ControlSelectors | null {
  if (options.accept || options.reject || options.settings) {
    return { kind: 'selectors', accept: options.accept ?? null, reject: options.reject ?? null, settings: options.settings ?? null, withdraw: options.reject ?? null };
  }
  return hasConfig ? SAMTYCKE_CONTROLS : null;
}

/**
 * Runs the audit and returns its report; a *must* finding or a pass that
 * could not run (`summary.failedPasses`) means it failed.
 * @throws {Error} when the URL is not http(s), Chromium or playwright-core is missing, or the page does not load.
 * @example const report = await runAudit({ url: 'http://localhost:8080/' }, (pass) => console.log(pass.id));
 */
export async function runAudit(options: AuditOptions, onProgress: ProgressListener = () => {}): Promise<AuditReport> {
  const startedAt = Date.now();
  const url = new URL(options.url);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`only http and https pages can be audited, not ${url.protocol}`);
  const chromePath = options.chromePath ?? process.env.CHROME_PATH ?? DEFAULT_CHROME_PATH;
  if (options.reportDir) await mkdir(options.reportDir, { recursive: true });
  let configText = options.configText ?? null;
  let declarations = configText === null ? NO_DECLARATIONS : declarationsOf(configText, 'file');
  const identity = createIdentity();
  const setup: PassSetup = {
    url: url.href,
    launch: { chromePath, extraFlags: options.extraFlags ?? [] },
    classifier: createClassifier(declarations, url.hostname),
    controls: controlsFor(options, false),
    // The first visit reads the page's config: it classifies what follows and marks a samtycke page.
    discover(text) {
      if (text === null) return;
      setup.controls = controlsFor(options, true);
      if (options.configText !== undefined) return;
      configText = text;
      declarations = declarationsOf(text, 'page');
      setup.classifier = createClassifier(declarations, url.hostname);
    },
    identity,
    needles: needlesFor(identity),
    maxPages: options.pages ?? 3,
    reportDir: options.reportDir ?? null,
    waitMs: options.waitMs ?? 5000,
  };
  // The first visit comes first (it reads the config); the others are independent profiles.
  const [first, ...rest] = PASSES;
  const passes: PassRecord[] = [await first(setup)];
  let done = 1;
  onProgress(passes[0]!, 0, PASSES.length);
  if (passes[0]!.status === 'failed') throw new Error(`the page could not be audited: ${passes[0]!.note}`);
  const queue = [...rest];
  const worker = async (): Promise<void> => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const record = await next(setup);
      passes.push(record);
      onProgress(record, done++, PASSES.length);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.parallel ?? 2, rest.length)) }, worker));
  passes.sort((a, b) => ORDER.indexOf(a.id) - ORDER.indexOf(b.id));
  const byId = (id: PassRecord['id']): PassRecord => passes.find((pass) => pass.id === id)!;
  const isOptionalKey = (key: string): boolean => setup.classifier.storageKey(key).verdict === 'optional';
  const controls = setup.controls;
  const givenCookie = options.consentCookie ?? (configText !== null && controls?.kind === 'samtycke' ? declarations.cookieName : null);
  const consentCookies = consentCookieNames(passes, givenCookie);
  const findings: Finding[] = [
    ...checkFirstVisit(byId('first-visit'), isOptionalKey),
    ...checkChoices(byId('first-visit').choices, byId('first-visit')),
    ...checkReject(byId('reject'), isOptionalKey),
    ...checkOneClick(byId('reject')),
    ...checkOneClick(byId('accept')),
    ...checkSettingsEntry(byId('reject')),
    ...checkConsentCookie(passes, consentCookies, url.protocol === 'https:'),
    ...checkWithdrawal(byId('withdraw'), isOptionalKey),
    ...checkLeaks(byId('accept')),
    ...checkGpc(byId('gpc')),
    ...checkInventory(passes),
    ...(options.baseline === undefined ? [] : checkDrift(passes, options.baseline)),
  ];
  const { hosts, cookies } = inventory(passes);
  return {
    format: 1,
    url: url.href,
    startedAt,
    durationMs: Date.now() - startedAt,
    controls: controls?.kind ?? 'none',
    config: { source: options.configText !== undefined ? 'file' : configText !== null ? 'page' : 'none', problems: declarations.problems },
    consentCookie: consentCookies.join(', ') || null,
    passes,
    findings,
    summary: {
      must: findings.filter((f) => f.severity === 'must').length,
      should: findings.filter((f) => f.severity === 'should').length,
      failedPasses: passes.filter((pass) => pass.status === 'failed').map((pass) => pass.id),
      hosts,
      cookies,
    },
  };
}

/** Reads a saved report for `--baseline`. */
export async function readBaseline(path: string): Promise<unknown> {
  return JSON.parse(await readFile(path, 'utf8'));
}
