import { expect } from '@esm-bundle/chai';
import { runInsideClick } from '../helpers/click-with-mouse.js';
import { useFreshPage } from '../helpers/fresh-page.js';
import { configText, loadPage } from '../helpers/page.js';
import { until } from '../helpers/until.js';
import { siteConfig } from '../fixtures/config.js';
import { configHash } from '../../src/config/config.js';
import { tracker, type GatedFrame } from './helpers.js';

type Page = GatedFrame & { __ran?: string[] };

/** Gated scripts of every kind, each noting itself and its document.currentScript as it runs. */
const SCRIPTS = `<script>window.__ran = [];</script>
<script type="text/plain" data-category="analytics" id="inline-1">__ran.push('inline-1:' + document.currentScript.id);</script>
<script type="text/plain" data-category="analytics" id="external-2" data-src="${tracker('analytics.test', 'two.js')}"></script>
<script type="text/plain" data-category="analytics" id="inline-3">__ran.push('inline-3:' + document.currentScript.id + ':' + (window.__trackerRuns || []).length);</script>
<script type="text/plain" data-category="analytics" data-type="module" id="module-4">__ran.push('module-4:' + (document.currentScript === null) + ':' + (typeof import.meta.url));</script>
<script type="text/plain" data-category="analytics" defer id="defer-5" data-src="${tracker('analytics.test', 'five.js')}"></script>`;

/** A legacy tag: it writes its markup (a pixel of its own, and a script that writes again) where it stands. */
const LEGACY = `<main id="page"><h1>Shop</h1><p>Coffee.</p>
<div id="slot"><script type="text/plain" data-category="marketing" id="legacy">
  document.write('<p id="written">from the tag</p>');
  document.write('<img id="written-pixel" src="${tracker('pixel.test', 'written.gif')}" alt="">');
  document.write('<script id="written-script">document.write("<b id=nested>nested</b>")<\\/script>');
</script></div>
<p id="after">After the tag.</p></main>`;

describe('gates: an activated script behaves as if it had been in the page from the start', () => {
  useFreshPage();

  it('runs in page order, with document.currentScript set, classic and module, on a grant after load', async () => {
    const text = configText(siteConfig());
    const win = (await loadPage({ config: text, stamp: configHash(text), head: SCRIPTS })) as Page;
    expect(await runInsideClick(win, () => win.samtycke.set({ analytics: true }))).to.equal(true);
    await until(() => win.__ran!.length === 3 && (win as GatedFrame).__trackerRuns?.length === 2, 'every script to run');
    expect(win.__ran).to.deep.equal(['inline-1:inline-1', 'inline-3:inline-3:1', 'module-4:true:string']);
    expect((win as GatedFrame).__trackerRuns!.map((name) => name.replace(/^.*\//, ''))).to.deep.equal(['two.js', 'five.js']);
  });

  it('lets a legacy document.write tag write in its own place after load, never over the page', async () => {
    const text = configText(siteConfig());
    const win = (await loadPage({ config: text, stamp: configHash(text), body: LEGACY })) as Page;
    expect(win.document.readyState).to.equal('complete');
    expect(await runInsideClick(win, () => win.samtycke.set({ marketing: true }))).to.equal(true);
    await until(() => win.document.getElementById('nested'), 'the nested write');
    // The page is whole, and the markup stands where the tag stood, in the order written.
    expect(win.document.getElementById('page')).to.not.equal(null);
    expect(win.document.querySelector('h1')!.textContent).to.equal('Shop');
    const slot = [...win.document.getElementById('slot')!.children].map((element) => element.id);
    expect(slot).to.deep.equal(['legacy', 'written', 'written-pixel', 'written-script', 'nested']);
    await until(() => (win.document.getElementById('written-pixel') as HTMLImageElement).complete, 'the written pixel to load');
  });

  it('does the same on a returning visit, while the page is still loading', async () => {
    const text = configText(siteConfig());
    const first = (await loadPage({ config: text, stamp: configHash(text) })) as Page;
    expect(await runInsideClick(first, () => first.samtycke.set({ marketing: true }))).to.equal(true);
    const win = (await loadPage({ config: text, stamp: configHash(text), body: LEGACY })) as Page;
    await until(() => win.document.getElementById('nested'), 'the nested write');
    expect(win.document.getElementById('after')).to.not.equal(null);
    expect([...win.document.getElementById('slot')!.children].map((element) => element.id)).to.deep.equal(['legacy', 'written', 'written-pixel', 'written-script', 'nested']);
  });

  it('keeps a written URL of a refused service back, like any other', async () => {
    const text = configText(siteConfig());
    const legacyOnAnalytics = LEGACY.replace('data-category="marketing"', 'data-category="analytics"');
    const win = (await loadPage({ config: text, stamp: configHash(text), body: legacyOnAnalytics })) as Page;
    expect(await runInsideClick(win, () => win.samtycke.set({ analytics: true }))).to.equal(true);
    await until(() => win.document.getElementById('nested'), 'the nested write');
    // The tag may run, but the pixel it wrote goes to the marketing host, which is still refused.
    const pixel = win.document.getElementById('written-pixel')!;
    expect(pixel.getAttribute('src')).to.equal(null);
    expect(pixel.getAttribute('data-src')).to.contain('pixel.test');
  });
});
