import { expect } from '@esm-bundle/chai';
import { createConsent, ConfigError } from '../../src/entries/index.js';
import { siteConfig } from '../fixtures/config.js';

function configError(input: unknown): ConfigError {
  try {
    createConsent(input as never, { autoShow: false });
  } catch (error) {
    expect(error).to.be.instanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

describe('config schema', () => {
  it('accepts a complete config and fills in the defaults', () => {
    const consent = createConsent(siteConfig(), { autoShow: false });
    expect(consent.config.retention).to.equal(182);
    expect(consent.config.cookie).to.deep.equal({ name: 'samtycke', path: '/', sameSite: 'Lax' });
    expect(consent.config.categories[1]!.necessary).to.equal(false);
    consent.destroy();
  });

  it('refuses a pre-ticked consent category with a readable message (R09)', () => {
    const config = siteConfig();
    (config.categories[1] as { default?: boolean }).default = true;
    const error = configError(config);
    expect(error.issues).to.have.length(1);
    expect(error.issues[0]!.path).to.equal('categories[1].default');
    expect(error.issues[0]!.message).to.match(/cannot be granted by default/);
    expect(error.message).to.contain('categories[1].default');
  });

  it('lets a strictly necessary category start on', () => {
    const config = siteConfig();
    (config.categories[0] as { default?: boolean }).default = true;
    expect(() => createConsent(config, { autoShow: false }).destroy()).not.to.throw();
  });

  it('defaults renewal to 182 days, accepts months and days, and refuses more than 13 months (R21)', () => {
    expect(createConsent(siteConfig({ retention: '6m' }), { autoShow: false }).config.retention).to.equal(182);
    expect(createConsent(siteConfig({ retention: '13m' }), { autoShow: false }).config.retention).to.equal(395);
    expect(createConsent(siteConfig({ retention: 30 }), { autoShow: false }).config.retention).to.equal(30);
    expect(createConsent(siteConfig({ retention: '90d' }), { autoShow: false }).config.retention).to.equal(90);
    for (const retention of ['14m', 396, '400d', 0, '2 years', 1.5]) {
      const error = configError(siteConfig({ retention: retention as never }));
      expect(error.issues.map((issue) => issue.path)).to.deep.equal(['retention']);
    }
    expect(configError(siteConfig({ retention: '14m' })).message).to.match(/at most 13 months/);
  });

  it('lists every problem at once, each with its path', () => {
    const error = configError({
      revision: '',
      policyUrl: '/privacy',
      retention: '2y',
      categories: [
        { id: 'analytics', default: true, services: [{ id: 'ga', name: 'GA', hosts: ['not a host'] }] },
        { id: 'Analytics!' },
        { id: 'analytics' },
      ],
    });
    const paths = error.issues.map((issue) => issue.path);
    expect(paths).to.have.members([
      'revision',
      'retention',
      'categories[0].default',
      'categories[0].services[0].hosts[0]',
      'categories[1].id',
      'categories[2].id',
    ]);
    expect(error.issues.find((issue) => issue.path === 'categories[2].id')!.message).to.match(/duplicate id "analytics"/);
    expect(error.message.split('\n').length).to.be.greaterThan(paths.length);
  });

  it('refuses unknown keys and suggests the key that was meant', () => {
    const config = { ...siteConfig(), polcyUrl: '/x', categories: [{ id: 'analytics', servces: [] }] };
    const error = configError(config);
    const unknown = error.issues.filter((issue) => issue.code === 'unrecognized_keys');
    const message = (path: string) => unknown.find((issue) => issue.path === path)?.message;
    expect(unknown.map((issue) => issue.path)).to.have.members(['polcyUrl', 'categories[0].servces']);
    expect(message('polcyUrl')).to.contain('did you mean "policyUrl"?');
    expect(message('categories[0].servces')).to.contain('did you mean "services"?');
  });

  it('refuses a bare "*" cookie or storage name, which would erase every cookie of the site', () => {
    const config = siteConfig();
    config.categories[1]!.services![0]!.cookies = ['*'];
    config.categories[1]!.services![0]!.storage = ['**'];
    const error = configError(config);
    expect(error.issues.map((issue) => issue.path)).to.have.members(['categories[1].services[0].cookies[0]', 'categories[1].services[0].storage[0]']);
  });

  it('has no legitimate-interest setting and says why (R37)', () => {
    const config = siteConfig();
    (config.categories[1] as Record<string, unknown>).legalBasis = 'legitimate-interest';
    (config.categories[2] as Record<string, unknown>).legitimateInterest = true;
    const error = configError(config);
    expect(error.issues.map((issue) => issue.path)).to.have.members(['categories[1].legalBasis', 'categories[2].legitimateInterest']);
    for (const issue of error.issues) expect(issue.message).to.match(/legitimate interest cannot be its basis/);
  });

  it('refuses a necessary service without a justification, or on an analytics host (R34)', () => {
    const error = configError(
      siteConfig({
        categories: [
          { id: 'necessary', necessary: true, services: [{ id: 'ga', name: 'GA', provider: 'Google', hosts: ['www.google-analytics.com'], justification: 'we need it' }, { id: 'lb', name: 'Load balancer' }] },
        ],
      }),
    );
    expect(error.issues.map((issue) => issue.path)).to.deep.equal(['categories[0].services[0].hosts', 'categories[0].services[1].justification']);
  });

  it('reports types plainly and never throws anything but ConfigError', () => {
    for (const input of [null, 42, 'config', [], {}, { categories: 'all' }, { revision: 1, policyUrl: {}, categories: [{}] }]) {
      const error = configError(input);
      expect(error.issues.length).to.be.greaterThan(0);
      for (const issue of error.issues) expect(issue.message).not.to.equal('Invalid input');
    }
    expect(configError({ policyUrl: '/p', categories: [{ id: 'a' }] }).issues[0]).to.deep.equal({ path: 'revision', code: 'invalid_type', message: 'is required (string)' });
  });

  it('treats hostile strings as data', () => {
    const consent = createConsent(
      siteConfig({ revision: '"><img src=x onerror=alert(1)>', controller: '</script><script>alert(1)</script>' }),
      { autoShow: false },
    );
    expect(consent.config.revision).to.equal('"><img src=x onerror=alert(1)>');
    consent.destroy();
  });
});
