import { expect } from '@esm-bundle/chai';
import { configText, loadPage } from '../helpers/page.js';
import { runInsideClick } from '../helpers/click-with-mouse.js';
import { until } from '../helpers/until.js';
import { freshPage, useFreshPage } from '../helpers/fresh-page.js';
import { siteConfig } from '../fixtures/config.js';
import { decisionApplied, tracker, validated, type GatedFrame } from './helpers.js';

const DENIED = {
  ad_storage: 'denied',
  ad_user_data: 'denied',
  ad_personalization: 'denied',
  analytics_storage: 'denied',
  functionality_storage: 'denied',
  personalization_storage: 'denied',
  security_storage: 'granted',
};

/** dataLayer as plain data: gtag() entries (arguments objects) become arrays. */
function entries(win: GatedFrame): unknown[] {
  return (win.dataLayer ?? []).map((entry) => (Object.prototype.toString.call(entry) === '[object Arguments]' ? ['gtag', ...Array.from(entry as ArrayLike<unknown>)] : entry));
}

/** What a tag finds in dataLayer when it runs. */
const snapshot = (name: string) => `window.${name} = (window.dataLayer || []).map((entry) => Object.prototype.toString.call(entry) + ':' + entry[0] + ':' + entry[1]);`;

/** The first Google tag on the page, a plain (ungated) inline one, then the gated Google tags. */
const FIRST_TAG = `<script>${snapshot('__atFirstTag')}</script>
<script type="text/plain" data-service="ga4">${snapshot('__atGatedTag')}</script>
<script type="text/plain" data-service="ga4" data-src="${tracker('analytics.test', 'gtag.js')}"></script>`;

/** Spies for the vendors with their own consent APIs. */
const VENDORS = `<script>
  window.__vendor = [];
  window.fbq = (...args) => window.__vendor.push('fbq:' + args.join(':'));
  window.uetq = { push: (...args) => window.__vendor.push('uetq:' + JSON.stringify(args)) };
  window.clarity = (...args) => window.__vendor.push('clarity:' + JSON.stringify(args));
  window._paq = { push: (args) => window.__vendor.push('matomo:' + args[0]) };
</script>`;

describe('gates: Google Consent Mode v2 and vendor signals (R29)', () => {
  useFreshPage();

  it('pushes the default (everything denied) before the first Google tag, in gtag form', async () => {
    const win = (await loadPage({ config: siteConfig(), head: FIRST_TAG })) as GatedFrame;
    expect(win.__atFirstTag).to.deep.equal(['[object Arguments]:consent:default']);
    expect(entries(win)[0]).to.deep.equal(['gtag', 'consent', 'default', { ...DENIED, wait_for_update: 500 }]);
  });

  it('sends an update and a dataLayer event on every decision, with the default mapping', async () => {
    const win = (await loadPage({ config: siteConfig(), head: FIRST_TAG })) as GatedFrame;
    await validated(win);
    expect(await runInsideClick(win, () => win.samtycke.set({ analytics: true }))).to.equal(true);
    await decisionApplied(win);
    expect(entries(win).slice(1)).to.deep.equal([
      ['gtag', 'consent', 'update', { ...DENIED, analytics_storage: 'granted' }],
      { event: 'samtycke_consent', samtycke: { necessary: true, analytics: true, marketing: false, media: false } },
    ]);
    expect(await runInsideClick(win, () => win.samtycke.acceptAll())).to.equal(true);
    await decisionApplied(win);
    expect(entries(win).at(-2)).to.deep.equal([
      'gtag',
      'consent',
      'update',
      { ...DENIED, analytics_storage: 'granted', ad_storage: 'granted', ad_user_data: 'granted', ad_personalization: 'granted' },
    ]);
    expect(win.samtycke.withdraw()).to.equal(true);
    await decisionApplied(win);
    expect(entries(win).at(-2)).to.deep.equal(['gtag', 'consent', 'update', DENIED]);
  });

  it('applies a returning visitor\'s choice before the page\'s first tag runs', async () => {
    const config = configText(siteConfig());
    const first = (await loadPage({ config })) as GatedFrame;
    await validated(first);
    expect(await runInsideClick(first, () => first.samtycke.set({ analytics: true }))).to.equal(true);
    const win = (await loadPage({ config, head: FIRST_TAG })) as GatedFrame;
    // The stored choice is in dataLayer as an update right after the default, before the page's first tag.
    expect(win.__atFirstTag).to.deep.equal(['[object Arguments]:consent:default', '[object Arguments]:consent:update', '[object Object]:undefined:undefined']);
    await until(() => win.__atGatedTag, 'the gated tag to run');
    expect(win.__atGatedTag).to.deep.equal(['[object Arguments]:consent:default', '[object Arguments]:consent:update', '[object Object]:undefined:undefined']);
    expect(entries(win)[1]).to.deep.equal(['gtag', 'consent', 'update', { ...DENIED, analytics_storage: 'granted' }]);
  });

  it('follows a configured mapping, and can be turned off', async () => {
    const win = (await loadPage({ config: siteConfig({ consentMode: { categories: { analytics: ['analytics_storage'], media: ['personalization_storage'] } } }) })) as GatedFrame;
    await validated(win);
    expect(await runInsideClick(win, () => win.samtycke.acceptAll())).to.equal(true);
    await decisionApplied(win);
    expect(entries(win).at(-2)).to.deep.equal(['gtag', 'consent', 'update', { ...DENIED, analytics_storage: 'granted', personalization_storage: 'granted' }]);
    await freshPage();
    const off = (await loadPage({ config: siteConfig({ consentMode: false }), before: VENDORS })) as GatedFrame;
    await validated(off);
    expect(off.samtycke.state.decided).to.equal(false);
    expect(off.samtycke.rejectAll()).to.equal(true);
    // Vendors are still told; without Consent Mode that is the last thing a decision does.
    await until(() => (off.__vendor as string[]).length >= 4, 'the vendors to be told');
    expect(off.__vendor).to.have.length(4);
    expect(off.dataLayer).to.equal(undefined);
  });

  it('tells Meta, Microsoft UET and Clarity, and Matomo, and skips vendors that are absent', async () => {
    const win = (await loadPage({ config: siteConfig(), before: VENDORS })) as GatedFrame;
    await validated(win);
    expect(await runInsideClick(win, () => win.samtycke.acceptAll())).to.equal(true);
    await decisionApplied(win);
    expect(win.__vendor).to.deep.equal([
      'fbq:consent:grant',
      'uetq:["consent","update",{"ad_storage":"granted"}]',
      'clarity:["consentv2",{"ad_Storage":"granted","analytics_Storage":"granted"}]',
      'matomo:rememberConsentGiven',
    ]);
    (win.__vendor as string[]).length = 0;
    expect(win.samtycke.withdraw()).to.equal(true);
    await decisionApplied(win);
    expect(win.__vendor).to.deep.equal([
      'fbq:consent:revoke',
      'uetq:["consent","update",{"ad_storage":"denied"}]',
      'clarity:["consentv2",{"ad_Storage":"denied","analytics_Storage":"denied"}]',
      'matomo:forgetConsentGiven',
    ]);
    const bare = (await loadPage({ config: siteConfig() })) as GatedFrame;
    await validated(bare);
    expect(bare.samtycke.rejectAll()).to.equal(true);
    expect(bare.samtycke.state.decided).to.equal(true);
  });
});
