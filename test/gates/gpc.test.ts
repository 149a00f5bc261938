import { expect } from '@esm-bundle/chai';
import { loadPage } from '../helpers/page.js';
import { runInsideClick } from '../helpers/click-with-mouse.js';
import { until } from '../helpers/until.js';
import { freshPage, useFreshPage } from '../helpers/fresh-page.js';
import { siteConfig } from '../fixtures/config.js';
import { decisionApplied, hitsOf, imageLoaded, laterRequestArrived, tracker, validated, type GatedFrame } from './helpers.js';
import type { Decision } from '../../src/entries/index.js';

/** An init script: the browser sends Global Privacy Control. */
const GPC = `<script>Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true, configurable: true });</script>`;
const BODY = `
<img id="pixel" data-category="marketing" data-src="${tracker('pixel.test', 'gpc.gif')}" alt="">
<img id="stats" data-category="analytics" data-src="${tracker('analytics.test', 'gpc.gif')}" alt="">`;

describe('gates: Global Privacy Control (R48)', () => {
  useFreshPage();

  it('"Accept all" leaves marketing off, records GPC, and sends nothing to marketing hosts', async () => {
    const win = (await loadPage({ config: siteConfig(), before: GPC, body: BODY })) as GatedFrame;
    await validated(win);
    expect(win.samtycke.state.gpc).to.equal(true);
    const decisions: Decision[] = [];
    win.samtycke.on('decision', (decision) => decisions.push(decision));
    expect(await runInsideClick(win, () => win.samtycke.acceptAll())).to.equal(true);
    expect(win.samtycke.has('analytics')).to.equal(true);
    expect(win.samtycke.has('media')).to.equal(true);
    expect(win.samtycke.has('marketing')).to.equal(false);
    expect(decisions[0]!.gpc).to.equal(true);
    expect(decisions[0]!.choices.marketing).to.equal(false);
    await imageLoaded(win, 'stats');
    expect(await hitsOf('analytics.test', '/tracker/gpc.gif')).to.equal(1);
    // Everything the decision sets off has run, and a request made after it has arrived.
    await decisionApplied(win);
    await laterRequestArrived(win);
    expect(await hitsOf('pixel.test', '/tracker/gpc.gif')).to.equal(0);
    expect(win.samtycke.blocked().some((attempt) => attempt.host === 'pixel.test')).to.equal(true);
  });

  it('says so in the banner, naming the category it keeps off', async () => {
    const win = (await loadPage({ config: siteConfig(), before: GPC })) as GatedFrame;
    const notice = await until(() => win.document.querySelector('samtycke-banner')?.shadowRoot?.querySelector('[data-notice="gpc"]'), 'the GPC notice');
    expect(notice.textContent).to.contain('Global Privacy Control');
    expect(notice.textContent).to.contain('Marketing');
    const plain = (await loadPage({ config: siteConfig() })) as GatedFrame;
    const root = await until(() => plain.document.querySelector('samtycke-banner')?.shadowRoot?.querySelector('[data-control="accept-all"]') && plain.document.querySelector('samtycke-banner')!.shadowRoot!, 'the banner');
    expect(root.querySelector('[data-notice="gpc"]')).to.equal(null);
  });

  it('only an explicit opt-in for marketing overrides it, and a later "Accept all" keeps it', async () => {
    const win = (await loadPage({ config: siteConfig(), before: GPC, body: BODY })) as GatedFrame;
    await validated(win);
    expect(await runInsideClick(win, () => win.samtycke.set({ marketing: true }))).to.equal(true);
    expect(win.samtycke.has('marketing')).to.equal(true);
    await imageLoaded(win, 'pixel');
    expect(await hitsOf('pixel.test', '/tracker/gpc.gif')).to.equal(1);
    expect(await runInsideClick(win, () => win.samtycke.acceptAll())).to.equal(true);
    expect(win.samtycke.has('marketing')).to.equal(true);
  });

  it('applies to categories flagged as marketing, and can be turned off by the site', async () => {
    const config = siteConfig();
    config.categories[3]!.marketing = true;
    const win = (await loadPage({ config, before: GPC })) as GatedFrame;
    await validated(win);
    expect(await runInsideClick(win, () => win.samtycke.acceptAll())).to.equal(true);
    expect(win.samtycke.state.choices).to.include({ analytics: true, marketing: false, media: false });
    await freshPage();
    const ignoring = (await loadPage({ config: siteConfig({ gpc: false }), before: GPC })) as GatedFrame;
    await validated(ignoring);
    expect(await runInsideClick(ignoring, () => ignoring.samtycke.acceptAll())).to.equal(true);
    expect(ignoring.samtycke.has('marketing')).to.equal(true);
    expect(ignoring.samtycke.state.gpc).to.equal(true);
  });

  it('without GPC, "Accept all" grants marketing as usual', async () => {
    const win = (await loadPage({ config: siteConfig(), body: BODY })) as GatedFrame;
    await validated(win);
    expect(win.samtycke.state.gpc).to.equal(false);
    expect(await runInsideClick(win, () => win.samtycke.acceptAll())).to.equal(true);
    expect(win.samtycke.has('marketing')).to.equal(true);
  });
});
