import { expect } from '@esm-bundle/chai';
import { countedBundle, fetched, loadPage, removePages, type Frame } from '../helpers/page.js';
import { siteConfig } from '../fixtures/config.js';
import { axeViolations } from '../helpers/axe.js';
import { clickWithMouse } from '../helpers/click-with-mouse.js';
import { until } from '../helpers/until.js';
import { useFreshPage } from '../helpers/fresh-page.js';
import { itUnlessLimit } from '../helpers/engine.js';
import type { Decision } from '../../src/consent/decision.js';
import { shownBanner, shownPreferences } from '../ui/helpers.js';

/** Runs before the bundle: records every decision the page makes. */
const RECORD = `<script>window.__decisions = []; document.addEventListener('samtycke:decision', (event) => window.__decisions.push(event.detail));</script>`;
const BODY = `<main><h1>Shop</h1><p>Coffee.</p><footer><a href="#settings" data-samtycke="open">Cookie settings</a></footer></main>`;

const decisions = (win: Frame) => win.__decisions as Decision[];
const uiRequested = (win: Window) => fetched(win).filter((url) => /samtycke-ui/.test(url));
/** The UI chunk among the files a counted bundle's page asked for. */
const uiChunk = (files: string[]) => files.filter((file) => file.startsWith('samtycke-ui'));

/** A first visit on which the visitor accepts everything with one click. */
async function acceptOnFirstVisit(config = siteConfig()): Promise<void> {
  const win = await loadPage({ config, before: RECORD, body: BODY, head: '<title>Shop</title>' });
  const { button } = await shownBanner(win.document);
  await clickWithMouse(button('accept-all'));
  expect(decisions(win).map((decision) => decision.action)).to.deep.equal(['accept']);
  expect(win.samtycke!.has('analytics')).to.equal(true);
  removePages();
}

describe('script tag: lazy UI, settings at hand, withdrawal (R26, R27)', () => {
  useFreshPage();

  it('keeps Lit and the texts out of the head bundle', async () => {
    const head = await (await fetch('/dist/samtycke.js')).text();
    expect(head).to.not.contain('lit$');
    expect(head).to.not.contain('Reject all');
    expect(head).to.not.contain('Accept all');
  });

  it('a returning visitor downloads no UI, gets the settings button, and withdraws in two clicks', async () => {
    await acceptOnFirstVisit();
    const bundle = countedBundle();
    const win = await loadPage({ config: siteConfig(), before: RECORD, body: BODY, head: '<title>Shop</title>', script: bundle.script });
    expect(win.samtycke!.has('analytics')).to.equal(true);
    const settings = await until(() => win.document.querySelector('samtycke-settings-button')?.shadowRoot?.querySelector('button'), 'the settings button');
    expect(settings.getAttribute('aria-label')).to.equal('Cookie settings');
    // Counted by the server up to a later request of the page: a UI chunk still on its way would be listed.
    expect(uiChunk(await bundle.filesRequested(win))).to.deep.equal([]);
    expect(await axeViolations(win.document), 'page with the settings button').to.deep.equal([]);

    await clickWithMouse(settings); // click 1
    const { button, switchFor } = await shownPreferences(win.document);
    // The dialog shows the choices as they stand: what was granted is on.
    expect(switchFor('analytics').getAttribute('aria-checked')).to.equal('true');
    await clickWithMouse(button('reject-all')); // click 2
    const withdrawal = decisions(win).at(-1)!;
    expect(withdrawal.action).to.equal('withdraw');
    expect(withdrawal.context).to.include({ layer: 'preferences', control: 'reject-all' });
    expect(withdrawal.previous).to.include({ analytics: true });
    expect(win.samtycke!.has('analytics') || win.samtycke!.has('marketing') || win.samtycke!.has('media')).to.equal(false);
    expect(win.samtycke!.state.decided).to.equal(true);
    // The layers and then the preferences, nothing else: the settings button came with the head script.
    const files = await bundle.filesRequested(win);
    expect(uiChunk(files).map((file) => file.replace(/-[\w-]{8}\.js$/, '.js'))).to.deep.equal(['samtycke-ui.js', 'samtycke-ui-preferences.js']);
    expect(files).to.not.include('samtycke-validate.js');
  });

  it("names the button in the visitor's language: fetched once after the choice, then without a request", async () => {
    const config = siteConfig({ language: 'sv' });
    const named = (win: Window) => win.document.querySelector('samtycke-settings-button')?.shadowRoot?.querySelector('button')?.getAttribute('aria-label');
    const first = countedBundle();
    const win = await loadPage({ config, body: BODY, head: '<title>Butik</title>', script: first.script });
    const { button } = await shownBanner(win.document);
    await clickWithMouse(button('accept-all'));
    await until(() => named(win) === 'Cookieinställningar', 'the Swedish name on the settings button');
    expect(await first.filesRequested(win)).to.include('samtycke-gates-sv.js');
    removePages();

    const again = countedBundle();
    const returning = await loadPage({ config, body: BODY, head: '<title>Butik</title>', script: again.script });
    const host = await until(() => returning.document.querySelector('samtycke-settings-button'), 'the settings button');
    expect(named(returning)).to.equal('Cookieinställningar');
    expect(host.lang).to.equal('sv');
    expect(await again.filesRequested(returning)).to.deep.equal(['samtycke.js']);
    expect(await axeViolations(returning.document)).to.deep.equal([]);
  });

  it('withdraws from a data-samtycke="open" link in two clicks too', async () => {
    await acceptOnFirstVisit();
    const win = await loadPage({ config: siteConfig(), before: RECORD, body: BODY, head: '<title>Shop</title>' });
    await clickWithMouse(win.document.querySelector('[data-samtycke="open"]')!); // click 1
    const { button } = await shownPreferences(win.document);
    await clickWithMouse(button('reject-all')); // click 2
    expect(decisions(win).map((decision) => decision.action)).to.deep.equal(['withdraw']);
    expect(win.samtycke!.has('analytics')).to.equal(false);
    expect(win.location.hash).to.equal('');
  });

  it('handles a click on data-samtycke="open" once: one click, one request for the preferences', async () => {
    const SHOWS = `<script>window.__shown = []; document.addEventListener('samtycke:show', (event) => window.__shown.push(event.detail.view));</script>`;
    const win = await loadPage({ config: siteConfig(), before: SHOWS, body: BODY });
    // The banner is up: the UI chunk, with its own listeners, is loaded next to the head script's.
    await shownBanner(win.document);
    await clickWithMouse(win.document.querySelector('[data-samtycke="open"]')!);
    await shownPreferences(win.document);
    expect((win.__shown as string[]).filter((view) => view === 'preferences')).to.have.length(1);
    expect(win.location.hash).to.equal('');
  });

  itUnlessLimit('failed-chunk-stays-failed')('retries the UI chunk on the next click when it failed to load once', async () => {
    await acceptOnFirstVisit();
    const token = `t${Date.now()}`;
    const win = await loadPage({ config: siteConfig(), before: RECORD, body: BODY, script: `/flaky/${token}/samtycke.js` });
    const errors: unknown[] = [];
    win.console.error = (...args: unknown[]) => errors.push(args);
    const settings = await until(() => win.document.querySelector('samtycke-settings-button')?.shadowRoot?.querySelector('button'), 'the settings button');
    await clickWithMouse(settings);
    await until(() => errors.length > 0, 'the failed chunk load to be reported');
    expect(win.document.querySelector('samtycke-preferences')).to.equal(null);
    await clickWithMouse(win.document.querySelector('[data-samtycke="open"]')!);
    const { button } = await shownPreferences(win.document);
    await clickWithMouse(button('reject-all'));
    expect(decisions(win).map((decision) => decision.action)).to.deep.equal(['withdraw']);
  });

  itUnlessLimit('failed-chunk-stays-failed')('retries on a click when the chunk failed on a first visit: the banner and the settings show', async () => {
    const token = `f${Date.now()}`;
    const win = await loadPage({ config: siteConfig(), before: RECORD, body: BODY, script: `/flaky/${token}/samtycke.js` });
    await until(() => uiRequested(win).some((url) => url.endsWith(`/flaky/${token}/samtycke-ui.js`)), 'the first attempt');
    await clickWithMouse(win.document.querySelector('[data-samtycke="open"]')!);
    const { button } = await shownPreferences(win.document);
    await shownBanner(win.document);
    await clickWithMouse(button('reject-all'));
    expect(decisions(win).map((decision) => decision.action)).to.deep.equal(['reject']);
  });

  it('leaves the floating button out when the config turns it off', async () => {
    const config = siteConfig({ ui: { settingsButton: false } });
    await acceptOnFirstVisit(config);
    const bundle = countedBundle();
    const win = await loadPage({ config, before: RECORD, body: BODY, script: bundle.script });
    expect(win.samtycke!.state.decided).to.equal(true);
    // The head script draws the button once the body is parsed (it has been: the page has loaded).
    expect(win.document.readyState).to.equal('complete');
    expect(win.document.querySelector('samtycke-settings-button')).to.equal(null);
    expect(await bundle.filesRequested(win)).to.deep.equal(['samtycke.js']);
  });

  it('shows the banner on a first visit once the chunk arrives, and the settings button right after a choice', async () => {
    const win = await loadPage({ config: siteConfig(), before: RECORD, body: BODY });
    expect(win.document.querySelector('samtycke-settings-button')).to.equal(null);
    const { button } = await shownBanner(win.document);
    expect(win.document.body.firstElementChild!.localName).to.equal('samtycke-banner');
    await clickWithMouse(button('reject-all'));
    await until(() => win.document.querySelector('samtycke-settings-button'), 'the settings button after a decision');
    expect(decisions(win)[0]!.action).to.equal('reject');
  });
});
