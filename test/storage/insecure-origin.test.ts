import { expect } from '@esm-bundle/chai';
import { collectedRecords } from '../helpers/browser.js';
import { useFreshPage } from '../helpers/fresh-page.js';
import { until } from '../helpers/until.js';
import { sha256Hex } from '../../src/internal/digest.js';

describe('proof on a page without Web Crypto (plain http, not localhost) (R30, R31)', () => {
  useFreshPage(() => document.querySelector('#insecure')?.remove());

  it('still sends the record with the hash of the text shown, and the collector takes it', async () => {
    const decided = new Promise<{ secure: boolean; subtle: boolean; decided: boolean }>((resolve) =>
      addEventListener('message', (event) => resolve(event.data), { once: true }),
    );
    const frame = document.createElement('iframe');
    frame.id = 'insecure';
    frame.src = `http://insecure.test:${location.port}/test/fixtures/insecure/page.html`;
    document.body.append(frame);
    // The page really is what the rule is about: no secure context, no crypto.subtle.
    expect(await decided).to.deep.equal({ secure: false, subtle: false, decided: true });
    const records = await until(async () => {
      const found = (await collectedRecords()).filter((entry) => entry.record.text === 'Cookies and your privacy\nReject all\nAccept all');
      return found.length ? found : null;
    }, 'the record at the collector');
    expect(records).to.have.length(1);
    expect(records[0]!.record.textHash).to.equal(await sha256Hex('Cookies and your privacy\nReject all\nAccept all'));
    expect(records[0]!.record.page).to.equal(`http://insecure.test:${location.port}/test/fixtures/insecure/page.html`);
  });
});
