import { expect } from '@esm-bundle/chai';
import { pickLocale, SHIPPED_LOCALES as SHIPPED } from '../../src/config/locale.js';
import { fill } from '../../src/internal/template.js';
import { loadStrings, shippedStrings } from '../../src/ui/strings.js';
import { en } from '../../src/ui/strings/en.js';
import { SETTINGS_LABELS } from '../../src/ui/settings-button.js';
import { plainLabels } from '../../src/config/plain-labels.js';
import { useFreshPage } from '../helpers/fresh-page.js';
import { cleanUp, shownBanner, newConsent } from './helpers.js';

/** Steering copy that has no place next to a choice (R08; AP, CNIL). */
const BANNED = /best experience|bästa upplevelse|meilleure expérience|bestes erlebnis|mejor experiencia|migliore esperienza|beste ervaring|najlepsze wrażenia|legitimate interest|berechtigtes interesse|intérêt légitime|berättigat intresse|continue without|nur notwendige|non essenti/i;

describe('UI languages (R08, R19)', () => {
  useFreshPage(() => {
    cleanUp();
    document.documentElement.lang = '';
  });

  it('picks the config language, then <html lang>, then the browser, then English', () => {
    expect(pickLocale({ language: 'sv' }, ['sv', 'de'])).to.equal('sv');
    expect(pickLocale({}, [undefined, 'de-AT', 'sv'])).to.equal('de');
    expect(pickLocale({}, ['xx', 'pt-BR', 'fi-FI'])).to.equal('fi');
    expect(pickLocale({}, ['no'])).to.equal('nb');
    expect(pickLocale({}, ['xx', 'yy'])).to.equal('en');
    expect(pickLocale({}, [])).to.equal('en');
    // A locale the site brings its own texts for counts as supported.
    expect(pickLocale({ texts: { pt: { title: 'Cookies' } } }, ['pt-PT'])).to.equal('pt');
  });

  it('ships every locale complete enough: no key ever resolves to an empty text', async () => {
    for (const locale of SHIPPED) {
      const strings = await loadStrings(locale, {});
      for (const [key, value] of Object.entries(strings)) expect(value.trim(), `${locale}.${key}`).to.not.equal('');
      expect(Object.keys(strings).sort(), locale).to.deep.equal(Object.keys(en).sort());
      const own = await shippedStrings(locale);
      expect(Object.keys(own).length, `${locale} is translated, not English`).to.equal(Object.keys(en).length);
      // The shipped labels head the approved plain list the config check uses (R08).
      expect(plainLabels(locale, 'rejectAll')[0], `${locale} reject label`).to.equal(own.rejectAll);
      expect(plainLabels(locale, 'acceptAll')[0], `${locale} accept label`).to.equal(own.acceptAll);
      for (const label of [...plainLabels(locale, 'rejectAll'), ...plainLabels(locale, 'acceptAll')]) expect(label, locale).to.not.match(BANNED);
      for (const [key, value] of Object.entries(own)) expect(value, `${locale}.${key}`).to.not.match(BANNED);
      expect(SETTINGS_LABELS[locale], `${locale} settings button`).to.equal(own.settings);
      // Placeholders survive translation.
      expect(own.body, locale).to.contain('{controller}');
      expect(own.recipients, locale).to.contain('{count}');
    }
  });

  it('shows Swedish for <html lang="sv">, with lang="sv" on the banner', async () => {
    document.documentElement.lang = 'sv';
    newConsent();
    const { region, button } = await shownBanner();
    expect(region.getAttribute('lang')).to.equal('sv');
    expect(button('reject-all').textContent).to.equal('Avvisa alla');
    expect(button('accept-all').textContent).to.equal('Godkänn alla');
    expect(button('customise').textContent).to.equal('Anpassa');
    expect(region.querySelector('h2')!.textContent).to.equal('Kakor och din integritet');
    expect(region.textContent).to.contain('Statistik');
    expect(region.textContent).to.contain('Marknadsföring');
  });

  it('language "sv-SE" with sv-SE texts: the shipped Swedish strings, the sv-SE overrides on top, no English (R19)', async () => {
    newConsent({ language: 'sv-SE', texts: { 'sv-SE': { title: 'Kakor hos oss' } } });
    const { region, button } = await shownBanner();
    expect(region.getAttribute('lang')).to.equal('sv-SE');
    expect(region.querySelector('h2')!.textContent).to.equal('Kakor hos oss');
    expect(button('reject-all').textContent).to.equal('Avvisa alla');
    expect(button('accept-all').textContent).to.equal('Godkänn alla');
    expect(button('customise').textContent).to.equal('Anpassa');
    expect(region.textContent).to.contain('Statistik');
  });

  it('<html lang="sv-SE"> with sv-SE texts: Swedish with the overrides, never a mix (R19)', async () => {
    document.documentElement.lang = 'sv-SE';
    newConsent({ texts: { 'sv-SE': { customise: 'Välj själv' } } });
    const { region, button } = await shownBanner();
    expect(region.getAttribute('lang')).to.equal('sv-SE');
    expect(region.querySelector('h2')!.textContent).to.equal('Kakor och din integritet');
    expect(button('reject-all').textContent).to.equal('Avvisa alla');
    expect(button('customise').textContent).to.equal('Välj själv');
    const strings = await loadStrings('sv-SE', { texts: { 'sv-SE': { customise: 'Välj själv' } } });
    const swedish = await shippedStrings('sv');
    for (const key of Object.keys(en) as (keyof typeof en)[]) if (key !== 'customise') expect(strings[key], key).to.equal(swedish[key]);
  });

  it('falls back to English for a missing key, never to an empty button', async () => {
    newConsent({ language: 'pt', texts: { pt: { title: 'Cookies e privacidade', customise: 'Personalizar' } } });
    const { region, button } = await shownBanner();
    expect(region.getAttribute('lang')).to.equal('pt');
    expect(region.querySelector('h2')!.textContent).to.equal('Cookies e privacidade');
    expect(button('customise').textContent).to.equal('Personalizar');
    // The two choices keep their plain, symmetric English pair: a language without approved labels cannot rename them (R08).
    expect(button('accept-all').textContent).to.equal('Accept all');
    expect(button('reject-all').textContent).to.equal('Reject all');
    for (const control of region.querySelectorAll('button')) expect(control.textContent!.trim()).to.not.equal('');
  });

  it('lets the config override texts and category titles per locale', async () => {
    newConsent({
      language: 'sv',
      texts: { sv: { title: 'Vi värnar din integritet' } },
      categories: [
        { id: 'necessary', necessary: true, justification: 'Sessions.' },
        { id: 'stats', label: { en: 'Statistics', sv: 'Besöksstatistik' }, description: { sv: 'Räknar besök.' } },
      ],
    });
    const { region } = await shownBanner();
    expect(region.querySelector('h2')!.textContent).to.equal('Vi värnar din integritet');
    expect(region.textContent).to.contain('Besöksstatistik: Räknar besök.');
    expect(region.textContent).to.contain('Strikt nödvändiga');
  });

  it('warns once about a text key the UI does not know', async () => {
    const warnings: string[] = [];
    const original = console.warn;
    console.warn = (message: string) => warnings.push(message);
    try {
      await loadStrings('sv', { texts: { sv: { rejectALL: 'Nej' } } });
    } finally {
      console.warn = original;
    }
    expect(warnings.some((message) => message.includes('texts.sv.rejectALL') && message.includes('unknown-text'))).to.equal(true);
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(fill('{a} and {b}', { a: 1 })).to.equal('1 and {b}');
  });
});
