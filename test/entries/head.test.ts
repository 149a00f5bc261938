import { expect } from '@esm-bundle/chai';
import { configHash } from '../../src/config/config.js';
import { collectedRecords } from '../helpers/browser.js';
import { configText, countedBundle, fetched, loadPage, type Frame } from '../helpers/page.js';
import { useFreshPage } from '../helpers/fresh-page.js';
import { siteConfig } from '../fixtures/config.js';
import { decisionApplied, type GatedFrame } from '../gates/helpers.js';
import { until } from '../helpers/until.js';
import { storeDecision } from '../helpers/stored-decision.js';
import { shownPreferences } from '../ui/helpers.js';

/** Runs before the bundle: records what the page logs and which views are asked for. */
const PROBES = `<script>
  window.__errors = [];
  window.__firstError = new Promise((resolve) => {
    const original = console.error;
    console.error = (...args) => { window.__errors.push(args.map(String).join(' ')); resolve(window.__errors[0]); original.apply(console, args); };
  });
  window.__shown = new Promise((resolve) => document.addEventListener('samtycke:show', (event) => resolve(event.detail.view)));
  window.__changed = new Promise((resolve) => document.addEventListener('samtycke:change', (event) => resolve(event.detail)));
</script>`;

/** Reads the API synchronously right after the bundle, before anything async could happen. */
const SYNC_READ = `<script>window.__sync = { exists: typeof window.samtycke === 'object', analytics: window.samtycke.has('analytics'), decided: window.samtycke.state.decided };</script>`;

const chunkRequested = (win: Window, chunk = 'samtycke-ui') => fetched(win).some((url) => url.includes(chunk));
/** The UI chunk (banner, texts) among the files a counted bundle's page asked for. */
const uiChunk = (files: string[]) => files.filter((file) => file.startsWith('samtycke-ui'));

/** The decision cookie as the page's document sees it, parsed. */
const storedDecision = (doc: Document) => JSON.parse(decodeURIComponent(doc.cookie.split('; ').find((part) => part.startsWith('samtycke='))!.slice('samtycke='.length)));

describe('script-tag bundle (dist/samtycke.js)', () => {
  useFreshPage();

  it('exposes window.samtycke synchronously and grants nothing on a first visit', async () => {
    const win = await loadPage({ config: siteConfig(), before: PROBES, head: SYNC_READ });
    expect(win.__sync).to.deep.equal({ exists: true, analytics: false, decided: false });
    // No decision: the validator and the banner are fetched, and the banner is asked for.
    expect(await win.__shown).to.equal('banner');
    expect(chunkRequested(win, 'samtycke-validate')).to.equal(true);
    await until(() => chunkRequested(win), 'the banner chunk');
    expect(win.samtycke!.config.revision).to.equal('2026-11-01');
    expect(win.samtycke!.has('analytics')).to.equal(false);
    expect(win.document.cookie).not.to.contain('samtycke=');
  });

  it('applies a returning visitor\'s decision at once and downloads no chunk', async () => {
    const text = configText(siteConfig());
    await storeDecision(text, { analytics: 1, marketing: 0, media: 0 });
    const bundle = countedBundle();
    const win = await loadPage({ config: text, before: PROBES, head: SYNC_READ, script: bundle.script });
    expect(win.__sync).to.deep.equal({ exists: true, analytics: true, decided: true });
    expect(win.samtycke!.has('marketing')).to.equal(false);
    // Counted by the server up to a later request of the page, so a chunk still on its way is seen too.
    expect(uiChunk(await bundle.filesRequested(win))).to.deep.equal([]);
  });

  it('re-validates an edited config, keeps a decision of the same revision and notes the new text', async () => {
    await storeDecision(configText(siteConfig()), { analytics: 1, marketing: 0, media: 0 });
    const edited = configText(siteConfig({ controller: 'Exempel AB (publ)' }));
    const win = await loadPage({ config: edited, before: PROBES, head: SYNC_READ });
    // Until the validator has seen the new text, nothing is granted.
    expect(win.__sync).to.deep.equal({ exists: true, analytics: false, decided: false });
    const state = (await win.__changed) as { choices: Record<string, boolean> };
    expect(state.choices.analytics).to.equal(true);
    expect(win.samtycke!.has('analytics')).to.equal(true);
    expect(chunkRequested(win, 'samtycke-validate')).to.equal(true);
    expect(storedDecision(document).h).to.equal(configHash(edited));
  });

  it('trusts a stamped config text without the validator, and validates a text edited after stamping', async () => {
    const text = configText(siteConfig());
    const bundle = countedBundle();
    const win = await loadPage({ config: text, stamp: configHash(text), before: PROBES, script: bundle.script });
    // Usable at once: the banner is asked for right away, and only the layers are fetched for it.
    expect(win.samtycke!.config.revision).to.equal('2026-11-01');
    expect(await win.__shown).to.equal('banner');
    await until(async () => (await bundle.filesRequested(win)).includes('samtycke-ui.js'), 'the banner chunk');
    expect(await bundle.filesRequested(win)).to.not.include('samtycke-validate.js');

    const edited = configText(siteConfig({ controller: 'Someone else AB' }));
    const editedBundle = countedBundle();
    // The revision read right after the bundle: by the page's load event the validator may have run (Firefox waits for it).
    const revisionRead = '<script>window.__syncRevision = window.samtycke.config.revision;</script>';
    const stale = await loadPage({ config: edited, stamp: configHash(text), before: PROBES, head: SYNC_READ + revisionRead, script: editedBundle.script });
    // The old stamp does not fit the new text: nothing is used before the validator has read it.
    expect(stale.__sync).to.deep.equal({ exists: true, analytics: false, decided: false });
    expect(stale.__syncRevision).to.equal('');
    expect(await stale.__shown).to.equal('banner');
    expect(await editedBundle.filesRequested(stale)).to.include('samtycke-validate.js');
    expect(stale.samtycke!.config.controller).to.equal('Someone else AB');
  });

  it('shows the full ConfigError for a broken config and grants nothing', async () => {
    const broken = siteConfig({ retention: '14m' });
    (broken.categories[1] as { default?: boolean }).default = true;
    // Even a stored "accept all" for this exact text must not be trusted into consent by a broken config.
    const text = configText(broken);
    const win = await loadPage({ config: text, before: PROBES, head: SYNC_READ });
    const error = (await win.__firstError) as string;
    expect(error).to.contain('ConfigError');
    expect(error).to.contain('retention');
    expect(error).to.contain('categories[1].default');
    expect(win.samtycke!.has('analytics')).to.equal(false);
    expect(win.samtycke!.acceptAll()).to.equal(false);
    expect(win.document.cookie).not.to.contain('samtycke=');
  });

  it('holds back the hosts of a refused config\'s "necessary" services once the validator has refused it (R34)', async () => {
    const broken = siteConfig();
    // A tracker host claimed as strictly necessary: the validator refuses the whole config.
    broken.categories.unshift({ id: 'essential', necessary: true, services: [{ id: 'ads', name: 'Ads', hosts: ['bat.bing.com'], justification: 'claimed' }] });
    const win = await loadPage({ config: configText(broken), before: PROBES });
    expect((await win.__firstError) as string).to.contain('bat.bing.com');
    const outcome = await win.fetch('https://bat.bing.com/action/0').then(() => 'sent', (error: Error) => error.message);
    expect(outcome).to.equal('blocked by samtycke');
    expect(win.samtycke!.blocked().map((attempt) => `${attempt.kind} ${attempt.host} ${attempt.service}`)).to.include('fetch bat.bing.com ads');
  });

  it('holds back every request to another origin, from the start, when the config is not JSON (R01, R02)', async () => {
    // Sent by the page's first script, before the validator could answer.
    const early = `<script>window.__early = fetch('https://tracker.example/collect').then(() => 'sent', (error) => error.message);
      new Image().src = 'https://pixel.example/p.gif';</script>`;
    const win = await loadPage({ config: '{ "revision": "2026-11-01", "categories": [ ', before: PROBES, head: early });
    expect(await win.__early).to.equal('blocked by samtycke');
    // The control: the page's own origin is not held back.
    expect(await win.fetch(new URL('/dist/samtycke.js', location.href).href).then((response) => response.status)).to.equal(200);
    expect((await win.__firstError) as string).to.contain('not valid JSON');
    const listed = win.samtycke!.blocked().map((attempt) => `${attempt.kind} ${attempt.host} "${attempt.service}"`);
    expect(listed).to.include.members(['fetch tracker.example ""', 'image pixel.example ""']);
  });

  it('holds back a host given as a string from the start, before the validator refuses it', async () => {
    const broken = siteConfig() as unknown as { categories: unknown[] };
    broken.categories.push({ id: 'ads', services: [{ id: 'tracker', name: 'Tracker', hosts: 'tracker.example' }] });
    const early = `<script>window.__early = fetch('https://tracker.example/collect').then(() => 'sent', (error) => error.message);</script>`;
    const win = await loadPage({ config: configText(broken), before: PROBES, head: early });
    expect(await win.__early).to.equal('blocked by samtycke');
    expect(win.samtycke!.blocked().map((attempt) => `${attempt.kind} ${attempt.host} ${attempt.service}`)).to.include('fetch tracker.example tracker');
    expect((await win.__firstError) as string).to.contain('ConfigError');
  });

  it('holds back every request to another origin once the validator refuses the config, hosts it failed to list included', async () => {
    const broken = siteConfig() as unknown as { categories: unknown[] };
    // "service" for "services": the raw config lists no host for this category, the validator refuses the key.
    broken.categories.push({ id: 'ads', service: [{ id: 'tracker', name: 'Tracker', hosts: ['tracker.example'] }] });
    const win = await loadPage({ config: configText(broken), before: PROBES });
    expect((await win.__firstError) as string).to.contain('ConfigError');
    const outcome = await win.fetch('https://tracker.example/collect').then(() => 'sent', (error: Error) => error.message);
    expect(outcome).to.equal('blocked by samtycke');
    expect(await win.fetch(new URL('/dist/samtycke.js', location.href).href).then((response) => response.status)).to.equal(200);
  });

  it('shows the preferences asked for while the config is still being validated', async () => {
    // An unstamped config: the validator loads first; the page asks at once, as a click on "Cookie settings" would.
    const win = await loadPage({ config: siteConfig(), before: PROBES, head: '<script>window.samtycke.showPreferences()</script>' });
    expect(win.samtycke!.state.decided).to.equal(false);
    await shownPreferences(win.document);
  });

  it('reports invalid JSON and a missing config, and never throws', async () => {
    const bad = await loadPage({ config: '{ "revision": ', before: PROBES });
    expect(await bad.__firstError).to.contain('not valid JSON');
    expect(bad.samtycke!.has('analytics')).to.equal(false);
    const missing = await loadPage({ before: PROBES });
    expect(await missing.__firstError).to.contain('samtycke-config');
    expect(missing.samtycke!.state.decided).to.equal(false);
  });

  it('ignores a tampered cookie and asks again', async () => {
    const text = configText(siteConfig());
    await storeDecision(text, { analytics: 1, marketing: 1, media: 1 }, { v: 9 });
    const win = await loadPage({ config: text, before: PROBES, head: SYNC_READ });
    expect(win.__sync).to.deep.equal({ exists: true, analytics: false, decided: false });
    expect(await win.__shown).to.equal('banner');
    expect(win.samtycke!.has('analytics')).to.equal(false);
  });

  it('stores a returning visitor\'s proof at once and sends it through the lazily loaded chunk', async () => {
    const config = siteConfig({ collector: { endpoint: '/fake-collector/v1/proofs' } });
    const text = configText(config);
    await storeDecision(text, { analytics: 1, marketing: 0, media: 0 });
    const bundle = countedBundle();
    const win = await loadPage({ config: text, script: bundle.script });
    // A returning visitor on a page without gated elements: the head script is the one request.
    expect(await bundle.filesRequested(win)).to.deep.equal(['samtycke.js']);
    expect(win.samtycke!.withdraw()).to.equal(true);
    // Stored synchronously, before anything was sent.
    expect(JSON.parse(win.localStorage.getItem('samtycke:proofs')!)).to.have.length(1);
    await win.samtycke!.proof!.flush();
    const records = await collectedRecords();
    expect(records.map((entry) => entry.record.action)).to.deep.equal(['withdraw']);
    expect(records[0]!.record.consentId).to.equal('5f0c7a1e-2b3d-4c5e-8f90-a1b2c3d4e5f6');
    expect(win.localStorage.getItem('samtycke:proofs')).to.equal(null);
    // The sender came on its own: no UI, no validator.
    expect(await bundle.filesRequested(win)).to.deep.equal(['samtycke.js', 'samtycke-proof.js']);
  });

  it('never fingerprints: no canvas, WebGL, audio or client-hint reads, before or after a choice (R04)', async () => {
    const spies = `<script>
      window.__fingerprintCalls = [];
      const spy = (owner, name) => { const original = owner && owner[name]; if (typeof original !== 'function') return;
        owner[name] = function (...args) { window.__fingerprintCalls.push(name); return original.apply(this, args); }; };
      spy(HTMLCanvasElement.prototype, 'toDataURL'); spy(HTMLCanvasElement.prototype, 'getContext');
      spy(window.WebGLRenderingContext && WebGLRenderingContext.prototype, 'getParameter');
      spy(window.AudioContext && AudioContext.prototype, 'createOscillator');
      if (navigator.userAgentData) spy(Object.getPrototypeOf(navigator.userAgentData), 'getHighEntropyValues');
    </script>`;
    const win = await loadPage({ config: siteConfig(), before: PROBES + spies, body: '<form><input type="email" id="email"></form>' });
    expect(await win.__shown).to.equal('banner');
    win.samtycke!.rejectAll();
    (win.document.getElementById('email') as HTMLInputElement).focus();
    // After everything the choice sets off: cleanup, Consent Mode and vendor signals, in a lazily loaded chunk.
    await decisionApplied(win as GatedFrame);
    expect(win.__fingerprintCalls).to.deep.equal([]);
    expect(win.samtycke!.state.consentId).to.match(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('never takes scrolling, time or browsing on as consent (R13)', async () => {
    const clock = `<script>const realNow = Date.now; window.__skew = 0; Date.now = () => realNow() + window.__skew;</script>`;
    const win = await loadPage({ config: siteConfig(), before: PROBES + clock, body: '<div style="height:5000px">long page</div>' });
    expect(await win.__shown).to.equal('banner');
    win.scrollTo(0, 5000);
    win.dispatchEvent(new win.Event('scroll'));
    win.__skew = 10 * 60 * 1000;
    // Browsing on: three more pages of the site.
    for (let page = 0; page < 3; page++) {
      const next = await loadPage({ config: siteConfig(), before: PROBES });
      expect(await next.__shown).to.equal('banner');
      expect(next.samtycke!.state.decided).to.equal(false);
    }
    expect(win.samtycke!.state.decided).to.equal(false);
    expect(win.samtycke!.has('analytics')).to.equal(false);
    expect(document.cookie).not.to.contain('samtycke=');
  });

  it('keeps the first instance when the bundle is included twice', async () => {
    const win = await loadPage({ config: siteConfig(), head: '<script>window.__first = window.samtycke;</script><script src="/dist/samtycke.js"></script>' });
    expect(win.samtycke).to.equal((win as Frame).__first);
  });
});
