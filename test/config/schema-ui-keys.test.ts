import { expect } from '@esm-bundle/chai';
import { ConfigError, createConsent } from '../../src/entries/index.js';
import { siteConfig } from '../fixtures/config.js';

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
    expect(issues({ ui: { settingsButton: false }, texts: { sv: { title: 'Kakor' }, 'pt-BR': { title: 'Cookies' } } })).to.deep.equal([]);
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
        pt: { rejectAll: 'Rejeitar tudo' },
      },
    });
    for (const path of ['texts.en.rejectAll', 'texts.en.acceptAll', 'texts.sv-SE.rejectAll', 'texts.de.acceptAll', 'texts.pt.rejectAll']) {
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
          pt: { title: 'Cookies e privacidade' },
        },
      }),
    ).to.deep.equal([]);
  });
});
