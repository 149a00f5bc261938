import { expect } from '@esm-bundle/chai';
import { runInsideClick } from '../helpers/click-with-mouse.js';
import { useFreshPage } from '../helpers/fresh-page.js';
import { configText, loadPage, type Frame } from '../helpers/page.js';
import { until } from '../helpers/until.js';
import { siteConfig } from '../fixtures/config.js';
import { configHash } from '../../src/config/config.js';
import type { Consent, ConsentState } from '../../src/entries/index.js';

type Tab = Frame & { samtycke: Consent };

/**
 * Runs before the head script: from the first read on, this tab's `document.cookie` answers with the
 * cookies as they were then, as a tab does whose cookie store has not yet seen another tab's write.
 */
const STALE_COOKIES = `<script>
  const getter = Object.getOwnPropertyDescriptor(Document.prototype, 'cookie');
  let first;
  Object.defineProperty(document, 'cookie', {
    get() { return (first ??= getter.get.call(this)); },
    set(value) { getter.set.call(this, value); },
  });
</script>`;

describe('a decision in one tab reaches every open tab of the site, every time (R27, R28)', () => {
  useFreshPage();

  it('carries the decision in the notice: a tab that cannot see the new cookie yet follows anyway, 20 times in a row', async () => {
    const text = configText(siteConfig({ reloadOnRevoke: false }));
    const stamp = configHash(text);
    const deciding = (await loadPage({ config: text, stamp })) as Tab;
    const following = (await loadPage({ config: text, stamp, before: STALE_COOKIES })) as Tab;
    expect(following.samtycke.state.decided).to.equal(false);
    for (let round = 0; round < 10; round++) {
      const granted = new Promise<ConsentState>((resolve) => following.samtycke.on('change', resolve));
      expect(await runInsideClick(deciding, () => deciding.samtycke.acceptAll())).to.equal(true);
      expect((await granted).choices.marketing, `round ${round}: accept`).to.equal(true);
      expect(following.samtycke.has('analytics')).to.equal(true);

      const withdrawn = new Promise<ConsentState>((resolve) => following.samtycke.on('change', resolve));
      expect(deciding.samtycke.withdraw()).to.equal(true);
      expect((await withdrawn).choices.analytics, `round ${round}: withdraw`).to.equal(false);
      expect(following.samtycke.has('analytics') || following.samtycke.has('marketing')).to.equal(false);
    }
    // The notice gave the same decision the cookie holds.
    await until(() => following.samtycke.state.consentId === deciding.samtycke.state.consentId, 'the same consent id');
  });
});
