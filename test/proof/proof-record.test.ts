import { expect } from '@esm-bundle/chai';
import { createConsent, type Consent } from '../../src/entries/index.js';
import { proofRecordSchema, type ProofRecord } from '../../src/proof/proof-record.js';
import { PROOF_ACTIONS } from '../../src/proof/record-fields.js';
import { collectorMode } from '../helpers/browser.js';
import { runInsideClick } from '../helpers/click-with-mouse.js';
import { useFreshPage } from '../helpers/fresh-page.js';
import { siteConfig } from '../fixtures/config.js';

/** The one proof-record schema, run in the browser on the records the browser makes: the collector validates with the same object. */
describe('proof record: the browser makes what the shared schema accepts (R30)', () => {
  let consent: Consent;
  useFreshPage(() => consent.destroy());
  beforeEach(async () => {
    // Nothing is acknowledged: every record stays in the queue to be read.
    await collectorMode('down');
    consent = createConsent(siteConfig({ collector: { endpoint: '/fake-collector/v1/proofs' } }), { autoShow: false });
  });

  it('validates the record of every action a visitor or the page can take', async () => {
    expect(await runInsideClick(window, () => consent.acceptAll({ layer: 'banner', control: 'accept-all', locale: 'en', text: 'Cookies and your privacy' }))).to.equal(true);
    consent.rejectAll({ layer: 'preferences', control: 'reject-all' });
    expect(await runInsideClick(window, () => consent.set({ analytics: true }))).to.equal(true);
    consent.withdraw();
    consent.dismiss({ layer: 'banner', control: 'escape' });
    expect(await runInsideClick(window, () => consent.set({ media: true }, { layer: 'placeholder', action: 'embed', control: 'always-allow', services: { video: true } }))).to.equal(true);
    expect(await runInsideClick(window, () => consent.recordEmbed('video'))).to.equal(true);
    await consent.proof!.flush();
    const records: ProofRecord[] = consent.proof!.pending();
    expect(records.map((record) => record.action)).to.deep.equal(['accept', 'reject', 'custom', 'withdraw', 'dismiss', 'embed', 'embed']);
    for (const record of records) {
      const result = proofRecordSchema.safeParse(record);
      expect(result.success, `${record.action}: ${JSON.stringify(result.error?.issues)}`).to.equal(true);
    }
    expect(PROOF_ACTIONS).to.include.members(records.map((record) => record.action));
  });

  it('refuses what the browser must never send: unknown fields, a page with its query, an oversized text', async () => {
    await runInsideClick(window, () => consent.acceptAll());
    const [record] = consent.proof!.pending();
    const refused = (change: Record<string, unknown>) => !proofRecordSchema.safeParse({ ...record, ...change }).success;
    expect(refused({})).to.equal(false);
    expect(refused({ email: 'someone@example.com' })).to.equal(true);
    expect(refused({ page: `${location.origin}/?utm=1` })).to.equal(true);
    expect(refused({ text: 'x'.repeat(64 * 1024 + 1) })).to.equal(true);
    expect(refused({ userActivation: undefined })).to.equal(true);
    expect(refused({ action: 'maybe' })).to.equal(true);
  });
});
