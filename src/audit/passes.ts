/**
 * The five passes of an audit, each in a fresh browser profile: a first visit
 * without interaction (then Escape and a click beside the banner), Reject all
 * (then the site's other pages), Accept all (then the forms, with a synthetic
 * identity), withdrawal through the settings entry, and a first visit with
 * Global Privacy Control that accepts all. Each returns what was recorded;
 * judging it is checks.ts's work.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { PageVisit, PassId, PassRecord, RequestRecord, Snapshot } from './audit-report.js';
import type { Classifier } from './classify.js';
import { findVisible, measureChoices, type ControlSelectors } from './consent-controls.js';
import { fillForms } from './fill-forms.js';
import { launchPass, type LaunchOptions } from './launch-browser.js';
import { recordPage, type PageRecorder } from './page-recorder.js';
import { findLeaks, type Needle } from './synthetic-identity.js';
import type { SyntheticIdentity } from './synthetic-identity.js';

/** What every pass needs. */
export interface PassSetup {
  url: string;
  launch: Omit<LaunchOptions, 'gpc'>;
  /** Replaced once the first visit has read the site's config. */
  classifier: Classifier;
  controls: ControlSelectors | null;
  /** Called by the first visit with the page's `#samtycke-config` text (null: none), before anything is classified. */
  discover?: (configText: string | null) => void;
  identity: SyntheticIdentity;
  needles: readonly Needle[];
  /** Pages to visit in the reject pass, the start page included. */
  maxPages: number;
  /** Where screenshots go (`--report`); none without it. */
  reportDir: string | null;
  /** How long to wait for a banner or a settings entry to appear (ms). */
  waitMs: number;
}

/** The running pass, as its steps see it. */
interface PassRun {
  page: Page;
  recorder: PageRecorder;
  record: PassRecord;
  setup: PassSetup;
  mark(label: string): number;
  snapshot(label: string): Promise<void>;
  screenshot(label: string): Promise<void>;
  /** Opens a page of the site and waits for its network to settle. */
  visit(url: string): Promise<void>;
}

class Skip extends Error {}

const hostOf = (url: string): string => new URL(url).hostname.toLowerCase();

async function startPass(id: PassId, setup: PassSetup, gpc: boolean, body: (run: PassRun) => Promise<void>): Promise<PassRecord> {
  const startedAt = Date.now();
  const record: PassRecord = { id, status: 'done', startedAt, durationMs: 0, decisionAt: null, marks: [], requests: [], snapshots: [], pages: [], screenshots: [] };
  let browser: Awaited<ReturnType<typeof launchPass>> | null = null;
  let recorder: PageRecorder | null = null;
  try {
    browser = await launchPass({ ...setup.launch, gpc });
    const { page } = browser;
    const rec = await recordPage(browser.context, page, () => setup.classifier, hostOf(setup.url));
    recorder = rec;
    const run: PassRun = {
      page,
      recorder: rec,
      record,
      setup,
      mark(label) {
        const at = Date.now();
        record.marks.push({ label, at });
        return at;
      },
      async snapshot(label) {
        const snap: Snapshot = { label, at: Date.now(), page: page.url(), cookies: await rec.cookies(), storage: await rec.storage() };
        record.snapshots.push(snap);
      },
      async screenshot(label) {
        if (!setup.reportDir) return;
        const file = `${id}-${label}.png`;
        await page.screenshot({ path: join(setup.reportDir, file) }).catch(() => {});
        record.screenshots.push({ label, file });
      },
      async visit(url) {
        await page.goto(url, { waitUntil: 'load', timeout: 30_000 });
        await rec.settle();
      },
    };
    await body(run);
  } catch (error) {
    record.status = error instanceof Skip ? 'skipped' : 'failed';
    record.note = (error as Error).message.split('\n')[0];
  } finally {
    if (recorder) {
      record.requests = finishRequests(recorder, record, setup.classifier);
      await recorder.detach();
    }
    await browser?.close();
    record.durationMs = Date.now() - startedAt;
  }
  return record;
}

/** Times relative to the decision, and whether each request started after its page's load event (R03). */
function finishRequests(recorder: PageRecorder, record: PassRecord, classifier: Classifier): RequestRecord[] {
  // Both on the browser's clock: a page's load, and the navigations that start the next document.
  record.marks.push(...recorder.loads.map((at) => ({ label: 'load', at })));
  record.marks.push(...recorder.requests.filter((request) => request.navigation).map((request) => ({ label: 'navigation', at: request.at })));
  record.marks.sort((a, b) => a.at - b.at);
  const last = (label: string, before: number): number => Math.max(-1, ...record.marks.filter((mark) => mark.label === label && mark.at <= before).map((mark) => mark.at));
  return recorder.requests.map(({ text: _text, navigation: _navigation, ...request }) => ({
    ...request,
    classification: classifier.host(request.host),
    sinceDecision: record.decisionAt === null ? null : request.at - record.decisionAt,
    afterLoad: last('load', request.at) > last('navigation', request.at),
  })).sort((a, b) => a.at - b.at);
}

async function needControl(run: PassRun, selector: string | null, what: string): Promise<NonNullable<Awaited<ReturnType<typeof findVisible>>>> {
  if (!selector) throw new Skip(`no ${what} control known: pass --${what === 'withdrawal' ? 'reject' : what}`);
  const found = await findVisible(run.page, selector, run.setup.waitMs);
  if (!found) throw new Skip(`no visible ${what} control (${selector})`);
  return found;
}

/** Clicks a choice and records the decision; then whether the control went away (one click decides, R05). */
async function decide(run: PassRun, selector: string | null, what: string): Promise<void> {
  const control = await needControl(run, selector, what);
  const clicked = await control.elementHandle();
  run.record.decisionAt = run.mark(what);
  await control.click();
  // Banners often fade out: wait (bounded) for the clicked control to be hidden or gone.
  run.record.stayedOpen = !(await clicked
    ?.waitForElementState('hidden', { timeout: run.setup.waitMs })
    .then(() => true)
    .catch((error: Error) => /attached|navigat|destroyed|closed/i.test(error.message)));
  await run.page.waitForLoadState('load');
  await run.recorder.settle();
}

async function settingsEntryOn(run: PassRun): Promise<boolean | null> {
  const selector = run.setup.controls?.settings;
  if (!selector) return null;
  return (await findVisible(run.page, selector, run.setup.waitMs)) !== null;
}

/** Up to `max` pages of the same origin linked from the current page. */
async function sameOriginLinks(page: Page, start: string, max: number): Promise<string[]> {
  const hrefs = await page.evaluate(() => Array.from((globalThis as any).document.querySelectorAll('a[href]') as ArrayLike<any>, (a) => String(a.href)));
  const origin = new URL(start).origin;
  const seen = new Set([new URL(start).href.split('#')[0]]);
  const out: string[] = [];
  for (const href of hrefs) {
    const url = new URL(href);
    url.hash = '';
    if (url.origin !== origin || seen.has(url.href) || /\.(pdf|zip|png|jpe?g|gif|svg|webp|mp4|xml|json)$/i.test(url.pathname) || /log-?out|sign-?out/i.test(url.href)) continue;
    seen.add(url.href);
    out.push(url.href);
    if (out.length >= max) break;
  }
  return out;
}

/** A point beside the banner whose element is not a control, in viewport coordinates. */
async function pointBesideBanner(page: Page): Promise<{ x: number; y: number } | null> {
  return page.evaluate(() => {
    const win = globalThis as any;
    const [w, h] = [win.innerWidth as number, win.innerHeight as number];
    for (const [fx, fy] of [[0.5, 0.1], [0.05, 0.5], [0.95, 0.3], [0.5, 0.3], [0.05, 0.05]] as const) {
      const [x, y] = [Math.round(w * fx), Math.round(h * fy)];
      const element = win.document.elementFromPoint(x, y);
      if (!element || /^SAMTYCKE-/.test(element.tagName)) continue;
      if (element.closest('a, button, input, select, textarea, label, summary, iframe, [role="button"], [onclick], [tabindex]')) continue;
      return { x, y };
    }
    return null;
  });
}

/** First visit: nothing pressed; then Escape and a click beside the banner (R01–R03, R05–R07, R12). */
export function firstVisitPass(setup: PassSetup): Promise<PassRecord> {
  return startPass('first-visit', setup, false, async (run) => {
    await run.visit(setup.url);
    setup.discover?.(await run.page.evaluate(() => (globalThis as any).document.getElementById('samtycke-config')?.textContent ?? null));
    const controls = setup.controls;
    if (controls) {
      const accept = await findVisible(run.page, controls.accept, setup.waitMs);
      const reject = await findVisible(run.page, controls.reject);
      run.record.choices = await measureChoices(run.page, controls, accept, reject);
      await run.recorder.settle();
    }
    await run.screenshot('banner');
    await run.snapshot('before-choice');
    const focusable = (await findVisible(run.page, controls?.reject ?? null)) ?? (await findVisible(run.page, controls?.accept ?? null));
    await focusable?.focus();
    run.mark('escape');
    await run.page.keyboard.press('Escape');
    await run.recorder.settle();
    await run.snapshot('after-escape');
    const point = await pointBesideBanner(run.page);
    if (point) {
      run.mark('outside-click');
      await run.page.mouse.click(point.x, point.y);
      await run.page.waitForLoadState('load');
      await run.recorder.settle();
      await run.snapshot('after-outside-click');
    }
  });
}

/** Reject all, then the site's other pages: nothing stored or sent, a settings entry everywhere (R01–R03, R05, R26). */
export function rejectPass(setup: PassSetup): Promise<PassRecord> {
  return startPass('reject', setup, false, async (run) => {
    await run.visit(setup.url);
    const links = await sameOriginLinks(run.page, setup.url, setup.maxPages - 1);
    await decide(run, setup.controls?.reject ?? null, 'reject');
    await run.screenshot('after-reject');
    await run.snapshot('after-reject');
    const pages: PageVisit[] = [{ url: run.page.url(), settingsEntry: await settingsEntryOn(run) }];
    for (const link of links) {
      await run.visit(link);
      pages.push({ url: run.page.url(), settingsEntry: await settingsEntryOn(run) });
    }
    run.record.pages = pages;
    await run.snapshot('end');
  });
}

/** Accept all, then the forms with the synthetic identity (R39); the positive control of the audit. */
export function acceptPass(setup: PassSetup): Promise<PassRecord> {
  return startPass('accept', setup, false, async (run) => {
    await run.visit(setup.url);
    await decide(run, setup.controls?.accept ?? null, 'accept');
    await run.screenshot('after-accept');
    await run.snapshot('after-accept');
    const from = run.recorder.requests.length;
    run.mark('forms');
    const filled = await fillForms(run.page, setup.identity, () => run.recorder.settle());
    await run.recorder.settle();
    if (filled === 0) run.record.note = 'no contact field to fill';
    await run.snapshot('after-forms');
    const pageHost = hostOf(setup.url);
    run.record.leaks = run.recorder.requests.slice(from).flatMap((request) => (request.thirdParty && request.host !== pageHost ? findLeaks(request.text, request.host, setup.needles) : []));
  });
}

/** Accept all, then withdraw through the settings entry, then browse on (R28). */
export function withdrawPass(setup: PassSetup): Promise<PassRecord> {
  return startPass('withdraw', setup, false, async (run) => {
    const controls = setup.controls;
    await run.visit(setup.url);
    const accept = await needControl(run, controls?.accept ?? null, 'accept');
    run.mark('accept');
    await accept.click();
    await run.recorder.settle();
    await run.snapshot('before-withdrawal');
    const settings = await needControl(run, controls?.settings ?? null, 'settings');
    run.mark('settings');
    await settings.click();
    const withdraw = await needControl(run, controls?.withdraw ?? null, 'withdrawal');
    run.record.decisionAt = run.mark('withdraw');
    await withdraw.click();
    await run.page.waitForLoadState('load');
    await run.recorder.settle();
    await run.screenshot('after-withdrawal');
    await run.snapshot('after-withdrawal');
    run.mark('navigate');
    await run.visit(setup.url);
    await run.snapshot('end');
  });
}

/** A first visit with Global Privacy Control that accepts all: marketing must stay off (R48). */
export function gpcPass(setup: PassSetup): Promise<PassRecord> {
  return startPass('gpc', setup, true, async (run) => {
    await run.visit(setup.url);
    await decide(run, setup.controls?.accept ?? null, 'accept');
    await run.screenshot('after-accept');
    await run.snapshot('after-accept');
  });
}
