import { expect } from '@esm-bundle/chai';
import { SHIPPED_LOCALES, type ShippedLocale } from '../../src/config/locale.js';
import { plainLabels } from '../../src/config/plain-labels.js';
import { shippedStrings } from '../../src/ui/strings.js';
import { axeViolations } from '../helpers/axe.js';
import { clearDocumentCookies } from '../helpers/browser.js';
import { loadPage, removePages } from '../helpers/page.js';
import { siteConfig } from '../fixtures/config.js';
import { cleanUp, newConsent, shownBanner, shownPreferences } from './helpers.js';
import { until } from '../helpers/until.js';

/** Both choices: same element, part, size and row (R06). */
function expectEqualChoices(reject: HTMLElement, accept: HTMLElement, what: string): void {
  expect(reject.getAttribute('part'), what).to.equal('choice');
  expect(accept.getAttribute('part'), what).to.equal('choice');
  const [a, b] = [reject.getBoundingClientRect(), accept.getBoundingClientRect()];
  expect(Math.abs(a.width - b.width), `${what}: width`).to.be.at.most(1);
  expect(Math.abs(a.height - b.height), `${what}: height`).to.be.at.most(1);
  expect(Math.abs(a.top - b.top), `${what}: same row`).to.be.at.most(1);
}

// One page, every language in turn: 26 banners and 26 dialogs, each with its axe run, take longer than one test's usual 10 s.
const EVERY_LANGUAGE_MS = 120_000;

describe('every shipped language, rendered (R06, R08, R19, R44)', () => {
  beforeEach(() => clearDocumentCookies());
  afterEach(() => {
    cleanUp();
    clearDocumentCookies();
    removePages();
  });

  it('shows an axe-clean banner in each language, with its own plain labels and two equal choices', async function () {
    this.timeout(EVERY_LANGUAGE_MS);
    for (const locale of SHIPPED_LOCALES) {
      newConsent({ language: locale });
      const { banner, region, button } = await shownBanner();
      const strings = await shippedStrings(locale);
      expect(region.getAttribute('lang'), locale).to.equal(locale);
      expect(region.getAttribute('dir'), locale).to.equal('ltr');
      expect(region.querySelector('h2')!.textContent, locale).to.equal(strings.title);
      expect(button('reject-all').textContent, locale).to.equal(plainLabels(locale, 'rejectAll')[0]);
      expect(button('accept-all').textContent, locale).to.equal(plainLabels(locale, 'acceptAll')[0]);
      expect(button('customise').textContent, locale).to.equal(strings.customise);
      expectEqualChoices(button('reject-all'), button('accept-all'), locale);
      expect(await axeViolations(banner), locale).to.deep.equal([]);
      cleanUp();
    }
  });

  it('shows axe-clean preferences in each language, with every category and service detail in it', async function () {
    this.timeout(EVERY_LANGUAGE_MS);
    for (const locale of SHIPPED_LOCALES) {
      const { consent } = newConsent({ language: locale });
      consent.showPreferences();
      const { preferences, dialog, button } = await shownPreferences();
      const strings = await shippedStrings(locale);
      expect(dialog.getAttribute('lang'), locale).to.equal(locale);
      expect(dialog.querySelector('h2')!.textContent, locale).to.equal(strings.settings);
      for (const key of ['analyticsLabel', 'marketingLabel', 'mediaLabel', 'necessaryLabel', 'alwaysOn', 'provider', 'notStated'] as const) {
        expect(dialog.textContent, `${locale}.${key}`).to.contain(strings[key]);
      }
      expectEqualChoices(button('reject-all'), button('accept-all'), `${locale} preferences`);
      expect(await axeViolations(preferences), locale).to.deep.equal([]);
      preferences.close();
      cleanUp();
    }
  });

  it('the script tag fetches each language as a chunk of its own and shows it whole (the build sends values without keys)', async function () {
    this.timeout(EVERY_LANGUAGE_MS);
    const samples: ShippedLocale[] = ['el', 'bg', 'ga', 'pt', 'mt'];
    for (const locale of samples) {
      const win = await loadPage({ config: siteConfig(), before: `<script>document.documentElement.lang = '${locale}';</script>` });
      const region = await until(() => win.document.querySelector('samtycke-banner')?.shadowRoot?.querySelector('section'), `the ${locale} banner`);
      const strings = await shippedStrings(locale);
      const text = region.textContent!.replace(/\s+/g, ' ');
      for (const key of ['title', 'withdraw', 'rejectAll', 'acceptAll', 'customise', 'policy', 'recipientsLink', 'analyticsLabel', 'mediaDescription'] as const) {
        expect(text, `${locale}.${key}`).to.contain(strings[key]);
      }
      const chunks = win.performance.getEntriesByType('resource').map((entry) => entry.name).filter((name) => /samtycke-ui-[a-z]{2}-/.test(name));
      expect(chunks.map((name) => /samtycke-ui-([a-z]{2})-/.exec(name)![1]), locale).to.deep.equal([locale]);
      removePages();
    }
  });
});
