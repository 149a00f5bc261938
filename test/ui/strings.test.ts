import { expect } from '@esm-bundle/chai';
import { pickLocale, SHIPPED_LOCALES as SHIPPED, type ShippedLocale } from '../../src/config/locale.js';
import { countText, type Counted } from '../../src/config/texts.js';
import { fill } from '../../src/internal/template.js';
import { loadStrings, shippedStrings } from '../../src/ui/strings.js';
import { en } from '../../src/ui/strings/en.js';
import { listText } from '../../src/ui/labels.js';
import { plainLabels } from '../../src/config/plain-labels.js';
import { useFreshPage } from '../helpers/fresh-page.js';
import { PLACEHOLDER_EN, placeholderTexts } from '../../src/gates/placeholder-texts.js';
import { cleanUp, shownBanner, newConsent } from './helpers.js';
import { turkish } from '../fixtures/own-languages.js';

/** Steering copy that has no place next to a choice (R08; AP, CNIL): "best experience", legitimate interest, "continue without", "only necessary", in every shipped language. */
const BANNED = new RegExp(
  [
    'best experience|bästa upplevelse|meilleure expérience|bestes erlebnis|mejor experiencia|migliore esperienza|beste ervaring|najlepsze wrażenia|bedste oplevelse|beste opplevelse|paras kokemus',
    'най-доброто изживяване|nejlepší zážitek|καλύτερη εμπειρία|parima kogemuse|an taithí is fearr|najbolje iskustvo|legjobb élmény|bestu upplifun|geriausią patirtį|labāko pieredzi|l-aħjar esperjenza|melhor experiência|cea mai bună experiență|najlepší zážitok|najboljšo izkušnjo',
    'legitimate interest|berechtigtes interesse|intérêt légitime|berättigat intresse|interés legítimo|interesse legittimo|gerechtvaardigd belang|prawnie uzasadniony interes|legitim interesse|oikeutettu etu',
    'законен интерес|oprávněný zájem|έννομο συμφέρον|õigustatud huvi|leas dlisteanach|legitimni interes|jogos érdek|lögmætir hagsmunir|teisėtas interesas|leģitīmās intereses|interess leġittimu|interesse legítimo|interes legitim|oprávnený záujem|zakoniti interes',
    'continue without|continuer sans|weiter ohne|fortsätt utan|continuar sin|continua senza|doorgaan zonder|kontynuuj bez|fortsæt uden|fortsett uden|jatka ilman|продължи без|pokračovat bez|συνέχεια χωρίς|jätka ilma|lean ar aghaidh gan|nastavi bez|folytatás|halda áfram án|tęsti be|turpināt bez|kompli mingħajr|continuar sem|continuă fără|pokračovať bez|nadaljuj brez',
    'nur notwendige|non essenti',
  ].join('|'),
  'i',
);

/**
 * Texts that are the same word in English and in the language, allowed one by
 * one: everything else a shipped language shows must be its own (no key left
 * in English).
 */
const SAME_AS_ENGLISH: Partial<Record<ShippedLocale, readonly string[]>> = {
  de: ['hosts', 'marketingLabel'], // "Hosts", "Marketing"
  es: ['no', 'marketingLabel'], // "No", "Marketing"
  fr: ['services'], // "Services ({count})"
  hu: ['marketingLabel'], // "Marketing"
  it: ['no', 'marketingLabel'], // "No", "Marketing"
  lv: ['preferencesLabel'], // "Preferences" (the Latvian plural of "preference")
  nl: ['hosts', 'marketingLabel'], // "Hosts", "Marketing"
};

/** The settings' name as the withdrawal sentence declines it. */
const SETTINGS_INFLECTED: Partial<Record<ShippedLocale, string>> = { hr: 'Postavkama kolačića', pl: 'Ustawieniach plików cookie' };

/** Every form of a text, one string or each plural form. */
const forms = (text: Counted | undefined): string[] => (text === undefined ? [] : typeof text === 'string' ? [text] : Object.values(text).filter((form): form is string => typeof form === 'string'));

/**
 * "If you consent, data is shared with N third parties" for sample counts, as
 * each language says it: the count picks the plural form through
 * Intl.PluralRules (Polish one/few/many, Irish five forms, Slovenian's dual, …).
 */
const RECIPIENTS: Record<ShippedLocale, Readonly<Record<number, string>>> = {
  en: { 1: 'with 1 third party.', 2: 'with 2 third parties.', 21: 'with 21 third parties.' },
  bg: { 1: 'с 1 трета страна.', 2: 'с 2 трети страни.' },
  cs: { 1: 's 1 třetí stranou.', 3: 's 3 třetími stranami.', 5: 's 5 třetími stranami.' },
  da: { 1: 'med 1 tredjepart.', 2: 'med 2 tredjeparter.' },
  de: { 1: 'an 1 Drittanbieter weitergegeben', 4: 'an 4 Drittanbieter weitergegeben' },
  el: { 1: 'σε 1 τρίτο μέρος.', 3: 'σε 3 τρίτα μέρη.' },
  es: { 1: 'con 1 tercero.', 2: 'con 2 terceros.' },
  et: { 1: '1 kolmanda osapoolega.', 7: '7 kolmanda osapoolega.' },
  fi: { 1: '1 kolmannen osapuolen kanssa.', 3: '3 kolmannen osapuolen kanssa.' },
  fr: { 1: 'avec 1 tiers.', 3: 'avec 3 tiers.' },
  ga: { 1: 'le 1 tríú páirtí.', 2: 'le 2 thríú páirtí.', 4: 'le 4 thríú páirtí.', 7: 'le 7 dtríú páirtí.', 20: 'le 20 tríú páirtí.' },
  hr: { 1: 'dobiva 1 treća strana.', 3: 'dobivaju 3 treće strane.', 5: 'dobiva 5 trećih strana.', 21: 'dobiva 21 treća strana.' },
  hu: { 1: '1 harmadik félhez kerülnek.', 6: '6 harmadik félhez kerülnek.' },
  is: { 1: 'með 1 þriðja aðila.', 2: 'með 2 þriðju aðilum.', 11: 'með 11 þriðju aðilum.', 21: 'með 21 þriðja aðila.' },
  it: { 1: 'con 1 terza parte.', 2: 'con 2 terze parti.' },
  lt: { 1: '1 trečiajai šaliai.', 3: '3 trečiosioms šalims.', 10: '10 trečiųjų šalių.', 21: '21 trečiajai šaliai.' },
  lv: { 1: '1 trešajai personai.', 2: '2 trešajām personām.', 10: '10 trešajām personām.', 21: '21 trešajai personai.' },
  mt: { 1: 'ma’ 1 parti terza.', 2: 'ma’ 2 partijiet terzi.', 5: 'ma’ 5 partijiet terzi.', 11: 'ma’ 11-il parti terza.', 20: 'ma’ 20 parti terza.' },
  nb: { 1: 'med 1 tredjepart.', 2: 'med 2 tredjeparter.' },
  nl: { 1: 'met 1 derde partij.', 2: 'met 2 derde partijen.' },
  pl: { 1: '1 podmiotowi trzeciemu.', 3: '3 podmiotom trzecim.', 5: '5 podmiotom trzecim.', 22: '22 podmiotom trzecim.' },
  pt: { 1: 'com 1 terceiro.', 2: 'com 2 terceiros.' },
  ro: { 1: 'cu 1 terță parte.', 5: 'cu 5 terțe părți.', 20: 'cu 20 de terțe părți.', 101: 'cu 101 terțe părți.' },
  sk: { 1: 's 1 treťou stranou.', 3: 's 3 tretími stranami.', 5: 's 5 tretími stranami.' },
  sl: { 1: 'prejme 1 tretja oseba.', 2: 'prejmeta 2 tretji osebi.', 3: 'prejmejo 3 tretje osebe.', 5: 'prejme 5 tretjih oseb.', 101: 'prejme 101 tretja oseba.' },
  sv: { 1: 'med 1 tredje part.', 2: 'med 2 tredje parter.' },
};

describe('UI languages (R08, R19)', () => {
  useFreshPage(() => {
    cleanUp();
    document.documentElement.lang = '';
  });

  it('picks the config language, then <html lang>, then the browser, then English', () => {
    expect(pickLocale({ language: 'sv' }, ['sv', 'de'])).to.equal('sv');
    expect(pickLocale({}, [undefined, 'de-AT', 'sv'])).to.equal('de');
    expect(pickLocale({}, ['xx', 'tr-TR', 'fi-FI'])).to.equal('fi');
    expect(pickLocale({}, ['pt-PT'])).to.equal('pt');
    expect(pickLocale({}, ['el-GR'])).to.equal('el');
    expect(pickLocale({}, ['ga-IE'])).to.equal('ga');
    expect(pickLocale({}, ['no'])).to.equal('nb');
    expect(pickLocale({}, ['xx', 'yy'])).to.equal('en');
    expect(pickLocale({}, [])).to.equal('en');
    // A locale the site brings its own texts for counts as supported.
    expect(pickLocale({ texts: { tr: turkish } }, ['tr-TR'])).to.equal('tr');
  });

  it('ships every language complete: every key, plain labels, no steering copy, placeholders intact', async () => {
    expect(SHIPPED).to.have.length(26);
    for (const locale of SHIPPED) {
      const own = await shippedStrings(locale);
      expect(Object.keys(own).sort(), `${locale} keys`).to.deep.equal(Object.keys(en).sort());
      const strings = await loadStrings(locale, {});
      for (const [key, value] of Object.entries(strings)) {
        expect(forms(value), `${locale}.${key}`).to.not.deep.equal([]);
        for (const form of forms(value)) {
          expect(form.trim(), `${locale}.${key}`).to.not.equal('');
          expect(form, `${locale}.${key}`).to.not.match(BANNED);
        }
      }
      // The shipped labels head the approved plain list the config check uses (R08).
      expect(plainLabels(locale, 'rejectAll')[0], `${locale} reject label`).to.equal(own.rejectAll);
      expect(plainLabels(locale, 'acceptAll')[0], `${locale} accept label`).to.equal(own.acceptAll);
      for (const label of [...plainLabels(locale, 'rejectAll'), ...plainLabels(locale, 'acceptAll')]) expect(label, locale).to.not.match(BANNED);
      // Placeholders survive translation, in every plural form.
      expect(own.body, locale).to.contain('{controller}');
      for (const form of forms(own.recipients)) expect(form, `${locale}.recipients`).to.contain('{count}');
      for (const form of forms(own.services)) expect(form, `${locale}.services`).to.contain('{count}');
      for (const form of forms(own.gpc)) expect(form, `${locale}.gpc`).to.contain('{categories}').and.contain('Global Privacy Control');
      // The withdrawal sentence points to the settings by the name they carry (declined where the language declines it).
      expect(own.withdraw, `${locale}.withdraw`).to.contain(SETTINGS_INFLECTED[locale] ?? own.settings!);

      const placeholder = await placeholderTexts(locale);
      // The head script names the settings button from the placeholder texts.
      expect(placeholder.settings, `${locale} settings button`).to.equal(own.settings);
      expect(placeholder.placeholder, `${locale}.placeholder`).to.contain('{service}').and.contain('{provider}').and.contain('{host}');
      expect(placeholder.placeholderAlwaysAllow, `${locale}.placeholderAlwaysAllow`).to.contain('{category}');
      for (const key of ['functionalLabel', 'preferencesLabel', 'analyticsLabel', 'marketingLabel', 'mediaLabel'] as const) {
        expect(placeholder[key], `${locale}: the placeholder's ${key} is the banner's`).to.equal(own[key]);
      }
      for (const form of Object.values(placeholder)) expect(form, locale).to.not.match(BANNED);
    }
  });

  it('leaves no text in English, except words each language shares with it (listed one by one)', async () => {
    for (const locale of SHIPPED.filter((tag) => tag !== 'en')) {
      const own = (await shippedStrings(locale)) as Readonly<Record<string, unknown>>;
      const placeholder = (await placeholderTexts(locale)) as Readonly<Record<string, unknown>>;
      const same = [
        ...Object.keys(en).filter((key) => JSON.stringify(own[key]) === JSON.stringify((en as Readonly<Record<string, unknown>>)[key])),
        ...['placeholder', 'placeholderLoadOnce', 'placeholderAlwaysAllow'].filter((key) => placeholder[key] === (PLACEHOLDER_EN as Readonly<Record<string, unknown>>)[key]),
      ];
      expect(same.sort(), `${locale}: texts still in English`).to.deep.equal([...(SAME_AS_ENGLISH[locale] ?? [])].sort());
    }
  });

  it('counts with the plural rules of each language', async () => {
    for (const locale of SHIPPED) {
      const { recipients } = await shippedStrings(locale);
      for (const [count, expected] of Object.entries(RECIPIENTS[locale])) {
        expect(countText(recipients!, Number(count), locale), `${locale}, ${count}`).to.contain(expected);
      }
    }
    // The GPC notice agrees with how many categories it names: one, two (Slovenian dual), more.
    const gpc = (locale: ShippedLocale, labels: string[]) => shippedStrings(locale).then((s) => countText(s.gpc!, labels.length, locale, { categories: listText(labels, locale) }));
    expect(await gpc('en', ['Marketing'])).to.contain('the category Marketing stays off unless you switch it on');
    expect(await gpc('en', ['Marketing', 'Ads'])).to.contain('the categories Marketing and Ads stay off unless you switch them on');
    expect(await gpc('sv', ['Marknadsföring', 'Annonser'])).to.contain('kategorierna Marknadsföring och Annonser avstängda');
    expect(await gpc('sl', ['A', 'B'])).to.contain('kategoriji A in B ostaneta izklopljeni');
    expect(await gpc('sl', ['A', 'B', 'C'])).to.contain('kategorije A, B in C ostanejo izklopljene');
    // A single text serves every count; a form the language does not need falls back to `other`.
    expect(countText('{count} x', 3, 'pl')).to.equal('3 x');
    expect(countText({ one: 'one {count}', other: 'other {count}' }, 5, 'pl')).to.equal('other 5');
    expect(countText({ one: 'one {count}', other: 'other {count}' }, 1, 'not a tag!')).to.equal('other 1');
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
    expect(region.textContent).to.contain('delas uppgifter med 3 tredje parter');
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
    for (const key of Object.keys(en) as (keyof typeof en)[]) if (key !== 'customise') expect(strings[key], key).to.deep.equal(swedish[key]);
  });

  it('lets a site replace single texts of a shipped language, plural forms too', async () => {
    newConsent({ language: 'es', texts: { es: { title: 'Cookies y privacidad', recipients: { one: 'Compartimos datos con {count} socio.', other: 'Compartimos datos con {count} socios.' } } } });
    const { region, button } = await shownBanner();
    expect(region.getAttribute('lang')).to.equal('es');
    expect(region.querySelector('h2')!.textContent).to.equal('Cookies y privacidad');
    expect(region.textContent).to.contain('Compartimos datos con 3 socios.');
    expect(button('customise').textContent).to.equal('Personalizar');
    expect(button('accept-all').textContent).to.equal('Aceptar todo');
    expect(button('reject-all').textContent).to.equal('Rechazar todo');
  });

  it('shows a language the site brings in full, choice labels included (R08, R19)', async () => {
    newConsent({ language: 'tr', texts: { tr: turkish } });
    const { region, button } = await shownBanner();
    expect(region.getAttribute('lang')).to.equal('tr');
    expect(region.getAttribute('dir')).to.equal('ltr');
    expect(button('reject-all').textContent).to.equal('Tümünü reddet');
    expect(button('accept-all').textContent).to.equal('Tümünü kabul et');
    expect(region.textContent).to.contain('Exempel AB, çerezleri');
    expect(region.textContent).to.contain('veriler 3 üçüncü tarafla paylaşılır');
    expect(region.textContent).to.not.contain('Cookies and your privacy');
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

  it('warns once about a text key samtycke does not know, and not about the placeholder keys', async () => {
    const warnings: string[] = [];
    const original = console.warn;
    console.warn = (message: string) => warnings.push(message);
    try {
      await loadStrings('sv', { texts: { sv: { rejectALL: 'Nej', placeholderLoadOnce: 'Ladda en gång' } } });
    } finally {
      console.warn = original;
    }
    expect(warnings.some((message) => message.includes('texts.sv.rejectALL') && message.includes('unknown-text'))).to.equal(true);
    expect(warnings.some((message) => message.includes('placeholderLoadOnce'))).to.equal(false);
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(fill('{a} and {b}', { a: 1 })).to.equal('1 and {b}');
  });
});
