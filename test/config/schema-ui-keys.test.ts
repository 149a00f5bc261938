import { expect } from '@esm-bundle/chai';
import { ConfigError, createConsent } from '../../src/entries/index.js';
import { siteConfig } from '../fixtures/config.js';
import { arabic, turkish } from '../fixtures/own-languages.js';
import { TEXT_KEYS } from '../../src/config/texts.js';

function issues(overrides: Record<string, unknown>): string[] {
  try {
    createConsent({ ...siteConfig(), ...overrides } as never, { autoShow: false }).destroy();
    return [];
  } catch (error) {
    expect(error).to.be.instanceOf(ConfigError);
    return (error as ConfigError).issues.map((issue) => `${issue.path}: ${issue.message}`);
  }
}

describe('UI keys of the config', () => {
  it('accepts ui.settingsButton and per-locale texts', () => {
    expect(issues({ ui: { settingsButton: false }, texts: { sv: { title: 'Kakor' }, 'de-AT': { title: 'Cookies' } } })).to.deep.equal([]);
  });

  it('refuses a non-boolean settings button, an unknown ui key, an empty text and a bad locale', () => {
    const found = issues({ ui: { settingsButton: 'no', primaryButton: 'accept' }, texts: { sv: { rejectAll: '' }, Swedish: { title: 'x' } } });
    expect(found.some((issue) => issue.startsWith('ui.settingsButton'))).to.equal(true);
    expect(found.some((issue) => issue.includes('primaryButton'))).to.equal(true);
    expect(found.some((issue) => issue.startsWith('texts.sv.rejectAll') && issue.includes('must not be empty'))).to.equal(true);
    expect(found.some((issue) => issue.startsWith('texts.Swedish'))).to.equal(true);
  });

  it('refuses steering labels on the two choices, in every language (R08)', () => {
    const found = issues({
      texts: {
        en: { rejectAll: 'Continue with limited experience', acceptAll: 'Accept all and enjoy the best experience' },
        'sv-SE': { rejectAll: 'Fortsätt utan' },
        de: { acceptAll: 'Alle zulassen' },
        el: { rejectAll: 'Συνέχεια χωρίς αποδοχή' },
        tr: { ...turkish, rejectAll: 'Sınırlı deneyimle devam et', acceptAll: 'Kabul' },
      },
    });
    for (const path of ['texts.en.rejectAll', 'texts.en.acceptAll', 'texts.sv-SE.rejectAll', 'texts.de.acceptAll', 'texts.el.rejectAll', 'texts.tr.acceptAll']) {
      const issue = found.find((text) => text.startsWith(`${path}: `));
      expect(issue, path).to.not.equal(undefined);
      expect(issue, path).to.contain('RULES R08');
    }
    expect(found.find((text) => text.startsWith('texts.en.rejectAll'))).to.contain('"Reject all"');
  });

  it('accepts the plain labels of each language: approved alternatives, the shipped label, regional tags (R08)', () => {
    expect(
      issues({
        texts: {
          en: { rejectAll: 'Decline all', acceptAll: 'Allow all' },
          'en-GB': { rejectAll: 'Refuse all', acceptAll: 'Accept all' },
          sv: { rejectAll: 'Neka alla', acceptAll: 'Acceptera alla' },
          de: { rejectAll: 'Alle ablehnen', acceptAll: 'Alle akzeptieren' },
          nn: { rejectAll: 'Avvis alle' },
          pt: { title: 'Cookies e privacidade', rejectAll: 'Recusar tudo' },
          'pt-PT': { acceptAll: 'Aceitar tudo' },
          ga: { rejectAll: 'Diúltaigh do gach ceann' },
        },
      }),
    ).to.deep.equal([]);
  });

  it('accepts a language samtycke does not ship when the site gives every text, plural forms and right-to-left included', () => {
    expect(issues({ texts: { tr: turkish, ar: arabic, 'ar-EG': { title: 'ملفات الارتباط' } } })).to.deep.equal([]);
  });

  it('refuses an incomplete language samtycke does not ship, listing every missing key (R19)', () => {
    const { title, rejectAll, acceptAll, ...rest } = turkish;
    void rest;
    const found = issues({ texts: { tr: { title, rejectAll, acceptAll }, 'uk-UA': { title: 'Файли cookie' } } });
    const turkishIssue = found.find((issue) => issue.startsWith('texts.tr: '));
    expect(turkishIssue).to.contain('"tr" is not a language samtycke ships').and.contain('RULES R19');
    const missing = TEXT_KEYS.filter((key) => !['title', 'rejectAll', 'acceptAll'].includes(key));
    expect(turkishIssue).to.contain(`missing: ${missing.join(', ')}`);
    expect(found.find((issue) => issue.startsWith('texts.uk-UA: '))).to.contain('missing: body, recipients');
  });

  it('refuses choice labels of a brought language that are not symmetric: one more than twice as long as the other, or the same (R08)', () => {
    const lopsided = issues({ texts: { tr: { ...turkish, rejectAll: 'Hayır', acceptAll: 'Tüm çerezleri kabul ediyorum' } } });
    expect(lopsided).to.have.length(1);
    expect(lopsided[0]).to.match(/^texts\.tr\.acceptAll: .*neither more than twice as long as the other \(RULES R08\)$/);
    expect(issues({ texts: { tr: { ...turkish, rejectAll: 'Tamam', acceptAll: 'Tamam' } } })).to.have.length(1);
    // Twice as long is still symmetric enough: "Reddet" (6) and "Kabul ediyorum" (14) is not, "Reddet" and "Kabul et" is.
    expect(issues({ texts: { tr: { ...turkish, rejectAll: 'Reddet', acceptAll: 'Kabul et' } } })).to.deep.equal([]);
    expect(issues({ texts: { tr: { ...turkish, rejectAll: 'Reddet', acceptAll: 'Kabul ediyorum' } } })).to.have.length(1);
  });

  it('takes plural forms only on counted texts, and always with `other`', () => {
    const found = issues({
      texts: {
        sv: { title: { one: 'Kaka', other: 'Kakor' } as never, recipients: { one: 'En tredje part.' } as never },
        de: { services: { one: 'Ein Dienst', other: 'Dienste ({count})', some: 'x' } as never },
      },
    });
    expect(found.find((issue) => issue.startsWith('texts.sv.title: '))).to.contain('only recipients, gpc, services take plural forms');
    expect(found.some((issue) => issue.startsWith('texts.sv.recipients'))).to.equal(true);
    expect(found.some((issue) => issue.startsWith('texts.de.services'))).to.equal(true);
    expect(issues({ texts: { pl: { services: { one: '{count} usługa', few: '{count} usługi', many: '{count} usług', other: '{count} usługi' } } } })).to.deep.equal([]);
  });
});
