import { expect } from '@esm-bundle/chai';
import { ConfigError, createConsent } from '../../src/index.js';
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
});
