import { expect } from '@esm-bundle/chai';
import { createConsent, type Consent } from '../../src/entries/index.js';
import { collectedRecords, collectorMode } from '../helpers/browser.js';
import { runInsideClick } from '../helpers/click-with-mouse.js';
import { useFreshPage } from '../helpers/fresh-page.js';
import { siteConfig } from '../fixtures/config.js';
import { sha256Hex } from '../../src/internal/digest.js';

const ENDPOINT = '/fake-collector/v1/proofs';
const QUEUE_KEY = 'samtycke:proofs';
const created: Consent[] = [];

function open(): Consent {
  const consent = createConsent(siteConfig({ collector: { endpoint: ENDPOINT } }), { autoShow: false });
  created.push(consent);
  return consent;
}

const queued = (): { record: { recordId: string } }[] => JSON.parse(localStorage.getItem(QUEUE_KEY) ?? '[]');

/** Waits until the latest consent object's queue has finished what it was doing. */
const settled = () => created[created.length - 1]!.proof!.flush();

describe('proof of consent, browser side', () => {
  useFreshPage(() => {
    for (const consent of created.splice(0)) consent.destroy();
  });

  it('sends one complete, minimal record per decision (R30, R32)', async () => {
    history.replaceState(null, '', `${location.pathname}?email=someone@example.com#frag`);
    const consent = open();
    const textHash = await sha256Hex('Vi använder kakor');
    await runInsideClick(window, () => consent.set({ analytics: true }, { layer: 'preferences', control: 'save', locale: 'sv', text: 'Vi använder kakor', textHash }));
    await settled();
    const [entry, ...rest] = await collectedRecords();
    expect(rest).to.have.length(0);
    const record = entry!.record;
    expect(record).to.include({
      consentId: consent.state.consentId,
      action: 'custom',
      revision: '2026-11-01',
      locale: 'sv',
      layer: 'preferences',
      control: 'save',
      userActivation: true,
      gpc: false,
      page: location.origin + location.pathname,
      text: 'Vi använder kakor',
      textHash,
    });
    expect(record.choices).to.deep.equal({ necessary: true, analytics: true, marketing: false, media: false });
    expect(new Date(record.timestamp as string).toISOString()).to.equal(record.timestamp);
    expect(JSON.stringify(record)).not.to.match(/@|\d+\.\d+\.\d+\.\d+/);
    expect(queued()).to.have.length(0);
    history.replaceState(null, '', location.pathname);
  });

  it('queues the record when the collector is down, applies the decision anyway, and delivers it on the next page (R31)', async () => {
    await collectorMode('down');
    const consent = open();
    consent.rejectAll();
    expect(consent.state.decided).to.equal(true);
    await settled();
    expect(queued()).to.have.length(1);
    expect(await collectedRecords()).to.have.length(0);

    await collectorMode('up');
    // The next page load: a new consent object retries what is due.
    const stored = JSON.parse(localStorage.getItem(QUEUE_KEY)!) as { due: number }[];
    localStorage.setItem(QUEUE_KEY, JSON.stringify(stored.map((entry) => ({ ...entry, due: 0 }))));
    open();
    await settled();
    const records = await collectedRecords();
    expect(records).to.have.length(1);
    expect(records[0]!.record.action).to.equal('reject');
    expect(queued()).to.have.length(0);
  });

  it('keeps a record whose acknowledgement was lost, resends it, and the collector keeps one copy', async () => {
    await collectorMode('lost-ack');
    open().rejectAll();
    await settled();
    expect(queued()).to.have.length(1);
    await collectorMode('up');
    const entries = queued() as unknown as { due: number }[];
    localStorage.setItem(QUEUE_KEY, JSON.stringify(entries.map((entry) => ({ ...entry, due: 0 }))));
    await settled();
    const records = await collectedRecords();
    expect(records).to.have.length(1);
    expect(records[0]!.copies).to.equal(2);
    expect(queued()).to.have.length(0);
  });

  it('backs off after a failure instead of hammering the collector', async () => {
    await collectorMode('down');
    const consent = open();
    consent.rejectAll();
    await settled();
    const [entry] = queued() as unknown as { record: { recordId: string }; attempts: number; due: number }[];
    expect(entry!.attempts).to.equal(1);
    expect(entry!.due).to.be.greaterThan(Date.now());
    await collectorMode('up');
    await settled();
    // Positive control: a later decision's record is sent and arrives; the one backing off stays queued.
    expect(await runInsideClick(window, () => consent.acceptAll())).to.equal(true);
    await settled();
    const records = await collectedRecords();
    expect(records.map((collected) => collected.record.action)).to.deep.equal(['accept']);
    expect(records.map((collected) => collected.recordId)).to.not.include(entry!.record.recordId);
    expect(queued().map((pending) => pending.record.recordId)).to.deep.equal([entry!.record.recordId]);
  });

  it('keeps the text of a decision made before it was hashed, and hashes it before sending (R30)', async () => {
    const consent = open();
    consent.rejectAll({ layer: 'banner', control: 'reject-all', locale: 'en', text: 'Cookies and your privacy' });
    await settled();
    const [entry] = await collectedRecords();
    const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode('Cookies and your privacy'));
    const hex = Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
    expect(entry!.record).to.include({ text: 'Cookies and your privacy', textHash: hex, layer: 'banner' });
  });

  it('retries a record the collector could not take for a while (404 during a deploy), rather than dropping it', async () => {
    await collectorMode('not-found');
    open().rejectAll();
    await settled();
    expect(queued()).to.have.length(1);
  });

  it('keeps records in memory when localStorage refuses them, and still delivers them', async () => {
    const setItem = Storage.prototype.setItem;
    Storage.prototype.setItem = () => {
      throw new DOMException('quota', 'QuotaExceededError');
    };
    const original = console.error;
    console.error = () => undefined;
    try {
      await collectorMode('down');
      const consent = open();
      consent.rejectAll();
      await settled();
      expect(consent.proof!.pending()).to.have.length(1);
      await collectorMode('up');
      const pending = consent.proof!.pending()[0]!;
      // Due again now: the backoff of the failed attempt is not what this test is about.
      const memory = (globalThis as unknown as Record<symbol, { due: number }[]>)[Symbol.for(QUEUE_KEY)]!;
      for (const entry of memory) entry.due = 0;
      await settled();
      expect((await collectedRecords()).map((entry) => entry.recordId)).to.deep.equal([pending.recordId]);
      expect(consent.proof!.pending()).to.have.length(0);
    } finally {
      Storage.prototype.setItem = setItem;
      console.error = original;
    }
  });

  it('survives a corrupt queue in storage', async () => {
    localStorage.setItem(QUEUE_KEY, '{not json');
    const consent = open();
    consent.rejectAll();
    await settled();
    expect((await collectedRecords()).length).to.equal(1);
  });
});
