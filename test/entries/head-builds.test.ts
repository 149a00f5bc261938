import { expect } from '@esm-bundle/chai';
import type { ConfigInput } from '../../src/config/schema.js';
import { headFeatures, headFileFeatures, headScriptFile } from '../../src/config/head-build.js';
import { clickWithMouse } from '../helpers/click-with-mouse.js';
import { useFreshPage } from '../helpers/fresh-page.js';
import { configText, countedBundle, loadPage, removePages } from '../helpers/page.js';
import { until } from '../helpers/until.js';
import { storeDecision } from '../helpers/stored-decision.js';
import { siteConfig } from '../fixtures/config.js';
import { gatedHits, laterRequestArrived, tracker, type GatedFrame } from '../gates/helpers.js';
import { shownBanner } from '../ui/helpers.js';

type Page = GatedFrame & { __errors: string[]; __firstError: Promise<string> };

/** Records what the page logs as an error, from before the head script runs. */
const PROBES = `<script>
  window.__errors = [];
  window.__firstError = new Promise((resolve) => {
    const original = console.error;
    console.error = (...args) => { window.__errors.push(args.map(String).join(' ')); resolve(window.__errors[0]); original.apply(console, args); };
  });
</script>`;

const GATED = `<script type="text/plain" data-category="analytics" data-src="${tracker('analytics.test', 'trimmed.js')}"></script>`;

/** Neither the settings button nor a collector: what the smallest build serves. */
const LEAN = (): ConfigInput => siteConfig({ ui: { settingsButton: false } });
const LEAN_BUILD = 'samtycke-no-button-no-proof.js';

/** A stored "accept all" for exactly this config text: it would grant, if the build took the config. */
const storedAcceptAll = (text: string): Promise<void> => storeDecision(text, { analytics: 1, marketing: 1, media: 1 });

describe('trimmed head script builds (config/head-build.ts)', () => {
  useFreshPage(removePages);

  it('picks the build from what the config uses', () => {
    expect(headScriptFile(headFeatures(siteConfig()))).to.equal('samtycke-no-proof.js');
    expect(headScriptFile(headFeatures(LEAN()))).to.equal(LEAN_BUILD);
    expect(headScriptFile(headFeatures(siteConfig({ collector: { endpoint: '/v1/proofs' } })))).to.equal('samtycke.js');
    expect(headScriptFile(headFeatures({ ...LEAN(), collector: { endpoint: '/v1/proofs' } }))).to.equal('samtycke-no-button.js');
    // Anything unclear counts as used: a trimmed build then refuses instead of dropping it.
    expect(headFeatures({ ui: { settingsButton: 'no' }, collector: { endpoint: 7 } })).to.deep.equal({ settingsButton: true, proof: true });
    expect(headFeatures(null)).to.deep.equal({ settingsButton: true, proof: false });
    // And back from a build's file name.
    for (const file of ['samtycke.js', 'samtycke-no-proof.js', 'samtycke-no-button.js', LEAN_BUILD]) expect(headScriptFile(headFileFeatures(file)!)).to.equal(file);
    expect(headFileFeatures('samtycke.dev.js')).to.deep.equal({ settingsButton: true, proof: true });
    expect(headFileFeatures('samtycke-ui.js')).to.equal(undefined);
  });

  it('the smallest build holds back, shows the banner, and activates what Accept all grants', async () => {
    const win = (await loadPage({ config: LEAN(), script: `/dist/${LEAN_BUILD}`, before: PROBES, head: GATED })) as Page;
    const { button } = await shownBanner(win.document);
    await laterRequestArrived(win);
    expect(await gatedHits()).to.deep.equal([]);
    await clickWithMouse(button('accept-all'));
    await until(() => win.__trackerRuns?.includes('analytics.test/tracker/trimmed.js'), 'the granted script to run');
    expect(win.samtycke.has('analytics')).to.equal(true);
    expect(win.document.cookie).to.contain('samtycke=');
    expect(win.__errors).to.deep.equal([]);
  });

  it('applies a returning visitor\'s decision with no request beyond itself', async () => {
    const text = configText(LEAN());
    await storedAcceptAll(text);
    const bundle = countedBundle(LEAN_BUILD);
    const win = (await loadPage({ config: text, script: bundle.script, before: PROBES })) as Page;
    expect(win.samtycke.state.decided).to.equal(true);
    expect(win.samtycke.has('analytics')).to.equal(true);
    expect(await bundle.filesRequested(win)).to.deep.equal([LEAN_BUILD]);
    expect(win.__errors).to.deep.equal([]);
  });

  it('leaves a config that is not an object to the validator, whose error says what is wrong', async () => {
    const win = (await loadPage({ config: 'null', script: `/dist/${LEAN_BUILD}`, before: PROBES })) as Page;
    const error = await win.__firstError;
    expect(error).to.contain('ConfigError');
    expect(error).to.not.contain('is built without');
    expect(win.samtycke.has('analytics')).to.equal(false);
  });

  for (const [build, config, fits] of [
    ['samtycke-no-button.js', siteConfig(), 'samtycke-no-proof.js'],
    ['samtycke-no-proof.js', { ...LEAN(), collector: { endpoint: '/v1/proofs' } }, 'samtycke-no-button.js'],
    [LEAN_BUILD, siteConfig({ collector: { endpoint: '/v1/proofs' } }), 'samtycke.js'],
  ] as const) {
    it(`${build} refuses a config that needs what it leaves out, grants nothing, and names ${fits}`, async () => {
      const text = configText(config);
      await storedAcceptAll(text);
      const win = (await loadPage({ config: text, script: `/dist/${build}`, before: PROBES, head: GATED })) as Page;
      const error = await win.__firstError;
      expect(error).to.contain(`${build} is built without`);
      expect(error).to.contain(`load ${fits} instead; nothing is granted`);
      expect(win.samtycke.has('analytics')).to.equal(false);
      expect(win.samtycke.state.decided).to.equal(false);
      await laterRequestArrived(win);
      expect(await gatedHits()).to.deep.equal([]);
      expect(win.samtycke.acceptAll()).to.equal(false);
    });
  }
});
