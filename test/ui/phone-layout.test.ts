import { expect } from '@esm-bundle/chai';
import { setViewport } from '@web/test-runner-commands';
import { SHIPPED_LOCALES } from '../../src/config/locale.js';
import { clearDocumentCookies } from '../helpers/browser.js';
import { cleanUp, newConsent, shownBanner, shownPreferences } from './helpers.js';
import { until } from '../helpers/until.js';
import { clickWithMouse } from '../helpers/click-with-mouse.js';

/** Whether a control is where a tap lands: inside the viewport and on top at its centre (not scrolled away, not covered). */
function tappable(element: HTMLElement): boolean {
  const rect = element.getBoundingClientRect();
  const inView = rect.top >= 0 && rect.left >= 0 && rect.bottom <= innerHeight + 0.5 && rect.right <= innerWidth + 0.5 && rect.width > 0;
  const root = element.getRootNode() as ShadowRoot;
  return inView && root.elementFromPoint(rect.left + rect.width / 2, rect.top + rect.height / 2) === element;
}

// Every language in one page at phone size: longer than one test's usual 10 s.
const EVERY_LANGUAGE_MS = 60_000;

describe('the banner on a 375×740 phone (R05–R07, R16, R47)', () => {
  beforeEach(async () => {
    clearDocumentCookies();
    await setViewport({ width: 375, height: 740 });
  });
  afterEach(async () => {
    cleanUp();
    clearDocumentCookies();
    await setViewport({ width: 800, height: 600 });
  });

  it('covers at most half the screen in every language, both choices in view and equal, purposes, recipients and policy one tap away', async function () {
    this.timeout(EVERY_LANGUAGE_MS);
    for (const locale of SHIPPED_LOCALES) {
      newConsent({ language: locale });
      const { region, button } = await shownBanner();
      const layer = region.getBoundingClientRect();
      expect(layer.height, `${locale}: layer height`).to.be.at.most(innerHeight / 2 + 0.5);
      expect(layer.bottom, `${locale}: at the bottom`).to.be.closeTo(innerHeight, 0.5);
      const [reject, accept] = [button('reject-all'), button('accept-all')];
      for (const control of [reject, accept, button('customise'), button('recipients'), region.querySelector<HTMLElement>('a[href="/privacy"]')!]) {
        expect(tappable(control), `${locale}: ${control.dataset.control ?? 'policy'} is in view`).to.equal(true);
      }
      const [a, b] = [reject.getBoundingClientRect(), accept.getBoundingClientRect()];
      expect(Math.abs(a.width - b.width), `${locale}: width`).to.be.at.most(1);
      expect(Math.abs(a.height - b.height), `${locale}: height`).to.be.at.most(1);
      expect(Math.abs(a.top - b.top), `${locale}: same row`).to.be.at.most(1);
      // The rest of the first layer scrolls inside it; nothing of the page is scrolled or locked.
      const text = region.querySelector<HTMLElement>('.text')!;
      expect(getComputedStyle(text).overflowY, locale).to.equal('auto');
      expect(document.scrollingElement!.scrollTop, locale).to.equal(0);
      cleanUp();
    }
  });

  it('opens the purposes with one tap on Customise, and the list of third parties with one tap on its link', async () => {
    const { consent } = newConsent();
    const first = await shownBanner();
    await clickWithMouse(first.button('customise'));
    const purposes = await shownPreferences();
    for (const id of ['analytics', 'marketing', 'media']) expect(purposes.switchFor(id), id).to.not.equal(null);
    purposes.preferences.close();
    consent.showBanner();
    const again = await shownBanner();
    await clickWithMouse(again.button('recipients'));
    const recipients = await shownPreferences();
    await until(() => [...recipients.dialog.querySelectorAll('details')].every((details) => details.open), 'every service list open');
    expect(recipients.dialog.textContent).to.contain('Google Ireland Ltd');
  });
});
