import { expect } from '@esm-bundle/chai';
import { browserCookies, resetTrackerHits } from '../helpers/browser.js';
import { loadPage } from '../helpers/page.js';
import { runInsideClick } from '../helpers/click-with-mouse.js';
import { until } from '../helpers/until.js';
import { useFreshPage } from '../helpers/fresh-page.js';
import { siteConfig } from '../fixtures/config.js';
import { decisionApplied, gatedHits, imageLoaded, laterRequestArrived, tracker, validated, type GatedFrame } from './helpers.js';
import type { ConfigInput } from '../../src/entries/index.js';

/** The fixture, with storage keys for Google Analytics and reloading as configured. */
function config(overrides: Partial<ConfigInput> = {}): ConfigInput {
  const value = siteConfig(overrides);
  const ga4 = value.categories[1]!.services![0]!;
  ga4.storage = ['_ga_store*'];
  return value;
}

/** An analytics script that writes a first-party cookie and a storage key, and a spy for Meta's consent API. */
const BEFORE = `<script>window.__fbq = []; window.fbq = (...args) => window.__fbq.push(args.join(':'));</script>`;
const HEAD = `<script type="text/plain" data-category="analytics" data-src="${tracker('analytics.test', 'ga.js', '?jscookie=_ga&jsstorage=_ga_store1')}"></script>`;
const BODY = `<img id="pixel" data-category="marketing" data-src="${tracker('pixel.test', 'pixel.gif')}" alt="">`;

/**
 * Watches the page in its frame for a reload: `beforeunload` fires on the page
 * once a navigation begins (at once in Chromium and Firefox, a moment later in
 * WebKit), and `reloaded` resolves with the frame's next document once it has
 * loaded. The same way in every engine (WebKit has no Navigation API).
 */
function watchReload(win: GatedFrame): { unloads: string[]; reloaded: Promise<GatedFrame> } {
  const frame = win.frameElement as HTMLIFrameElement;
  const unloads: string[] = [];
  win.addEventListener('beforeunload', () => unloads.push('beforeunload'));
  const reloaded = new Promise<GatedFrame>((resolve) => frame.addEventListener('load', () => resolve(frame.contentWindow as GatedFrame), { once: true }));
  return { unloads, reloaded };
}

/** How a page's document was reached (`performance.navigation`: WebKit lists no Navigation Timing entry for a reloaded srcdoc page). */
const navigationType = (win: Window): string => (win.performance.navigation.type === win.performance.navigation.TYPE_RELOAD ? 'reload' : 'other');

const names = async () => (await browserCookies()).map((cookie) => cookie.name).sort();

/** Accepts everything with a real click and waits for the analytics script's cookie and the pixel, so no request of the grant is still on its way. */
async function acceptAndTrack(win: GatedFrame): Promise<void> {
  await validated(win);
  expect(await runInsideClick(win, () => win.samtycke.acceptAll())).to.equal(true);
  await decisionApplied(win);
  await until(() => win.__trackerRuns?.length === 1, 'the analytics script to run');
  await imageLoaded(win, 'pixel');
  // A second cookie matching the declared "_ga_*" glob.
  win.document.cookie = '_ga_XYZ=2; Path=/';
  win.document.cookie = 'unrelated=1; Path=/';
  expect(await names()).to.include.members(['_ga', '_ga_XYZ', 'unrelated', 'samtycke']);
  expect(win.localStorage.getItem('_ga_store1')).to.equal('1');
}

describe('gates: withdrawal cleans up and takes effect at once (R28, R29)', () => {
  useFreshPage();

  it('deletes the services\' cookies and storage, tells the vendor and sends nothing afterwards', async () => {
    const win = (await loadPage({ config: config({ reloadOnRevoke: false }), before: BEFORE, head: HEAD, body: BODY })) as GatedFrame;
    await acceptAndTrack(win);
    expect((win.__fbq as string[]).at(-1)).to.equal('consent:grant');

    expect(win.samtycke.withdraw()).to.equal(true);
    expect(win.samtycke.has('analytics')).to.equal(false);
    await decisionApplied(win);
    expect(await names()).to.deep.equal(['samtycke', 'unrelated']);
    expect(win.localStorage.getItem('_ga_store1')).to.equal(null);
    expect((win.__fbq as string[]).at(-1)).to.equal('consent:revoke');

    await resetTrackerHits();
    const fetchResult = await win.fetch(tracker('analytics.test', 'after.json')).then(() => 'sent', () => 'blocked');
    const image = new win.Image();
    image.src = tracker('pixel.test', 'after.gif');
    expect(fetchResult).to.equal('blocked');
    expect(win.navigator.sendBeacon(tracker('analytics.test', 'after'), 'x')).to.equal(false);
    await laterRequestArrived(win);
    expect(await gatedHits()).to.deep.equal([]);
  });

  it('reloads the page when scripts of the withdrawn category already ran, and keeps them off', async () => {
    const win = (await loadPage({ config: config(), head: HEAD, body: BODY })) as GatedFrame;
    await acceptAndTrack(win);
    await resetTrackerHits();
    win.__beforeReload = true;
    const { reloaded } = watchReload(win);
    expect(win.samtycke.withdraw()).to.equal(true);
    // The same window proxy, a new document.
    const fresh = await reloaded;
    expect(navigationType(fresh)).to.equal('reload');
    await laterRequestArrived(fresh);
    expect(fresh.__beforeReload).to.equal(undefined);
    expect(fresh.samtycke.state.decided).to.equal(true);
    expect(fresh.samtycke.has('analytics')).to.equal(false);
    expect(fresh.__trackerRuns).to.equal(undefined);
    expect(await names()).to.deep.equal(['samtycke', 'unrelated']);
    expect(await gatedHits()).to.deep.equal([]);
  });

  it('does not reload when only a category without scripts is revoked', async () => {
    const win = (await loadPage({ config: config(), head: HEAD, body: BODY })) as GatedFrame;
    await acceptAndTrack(win);
    const { unloads } = watchReload(win);
    expect(win.samtycke.set({ marketing: false })).to.equal(true);
    expect(win.samtycke.has('marketing')).to.equal(false);
    expect(win.samtycke.has('analytics')).to.equal(true);
    // The reload would come right after the decision's effects, and begin before a later request is answered.
    await decisionApplied(win);
    await laterRequestArrived(win);
    expect(unloads).to.deep.equal([]);
    expect(await names()).to.include('_ga');
  });

  for (const [what, load] of [
    ['an iframe', (win: GatedFrame) => {
      const frame = win.document.createElement('iframe');
      frame.title = 'Video';
      frame.src = tracker('video.test', 'code.html');
      win.document.body.append(frame);
    }],
    ['a video', (win: GatedFrame) => {
      const video = win.document.createElement('video');
      video.src = tracker('video.test', 'code.webm');
      win.document.body.append(video);
    }],
  ] as const) {
    it(`reloads the page when ${what} made by code loaded for the withdrawn category`, async () => {
      const win = (await loadPage({ config: config() })) as GatedFrame;
      await validated(win);
      expect(await runInsideClick(win, () => win.samtycke.set({ media: true }))).to.equal(true);
      await decisionApplied(win);
      load(win);
      await until(async () => (await gatedHits()).some((hit) => hit.startsWith('video.test/tracker/code.')), 'the embed to load');
      const { reloaded } = watchReload(win);
      expect(win.samtycke.set({ media: false })).to.equal(true);
      expect(navigationType(await reloaded)).to.equal('reload');
    });
  }
});
