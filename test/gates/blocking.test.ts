import { expect } from '@esm-bundle/chai';
import { browserCookies, resetTrackerHits, trackerHits } from '../helpers/browser.js';
import { loadPage, removePages } from '../helpers/page.js';
import { runInsideClick } from '../helpers/click-with-mouse.js';
import { until } from '../helpers/until.js';
import { useFreshPage } from '../helpers/fresh-page.js';
import { siteConfig } from '../fixtures/config.js';
import { gatedHits, hitsOf, imageLoaded, kinds, laterRequestArrived, tracker, validated, type GatedFrame } from './helpers.js';

/** Gated markup of every kind, in <head> and <body>, plus one ungated request that must get through. */
const HEAD = `
<script type="text/plain" data-category="analytics" data-src="${tracker('analytics.test', 'first.js', '?jscookie=_ga&jsstorage=_ga_store')}"></script>
<script type="text/plain" data-category="analytics">(window.__trackerRuns = window.__trackerRuns || []).push('inline');</script>
<script type="text/plain" data-service="ga4" data-src="${tracker('analytics.test', 'third.js')}"></script>
<link rel="stylesheet" data-category="analytics" data-href="${tracker('analytics.test', 'style.css')}">`;
const BODY = `
<img id="pixel" data-category="marketing" data-src="${tracker('pixel.test', 'pixel.gif')}" width="1" height="1" alt="">
<iframe id="embed" data-category="media" data-placeholder="none" data-src="${tracker('video.test', 'embed.html')}" title="Video"></iframe>
<video id="clip" data-category="media"><source data-src="${tracker('video.test', 'clip.webm')}" type="video/webm"></video>
<img id="control" src="${tracker('free.test', 'control.gif')}" alt="">`;

/** Every way code sends data without markup, to gated hosts; returns what each call gave back. */
async function callFromCode(win: GatedFrame) {
  const fetchError = await win.fetch(tracker('analytics.test', 'fetch.json')).then(() => null, (error: Error) => error.name);
  const xhr = new win.XMLHttpRequest();
  const xhrError = new Promise((resolve) => xhr.addEventListener('error', () => resolve('error')));
  xhr.open('GET', tracker('analytics.test', 'xhr.json'));
  xhr.send();
  const beacon = win.navigator.sendBeacon(tracker('pixel.test', 'beacon'), 'event=view');
  const image = new win.Image();
  image.src = tracker('pixel.test', 'image.gif?uid=42');
  let socket = 'opened';
  try {
    new win.WebSocket(`ws://analytics.test:${location.port}/tracker/socket`);
  } catch (error) {
    socket = (error as DOMException).name;
  }
  const script = win.document.createElement('script');
  script.src = tracker('analytics.test', 'late.js');
  win.document.head.append(script);
  // The ungated control goes through the same wrappers.
  const control = await win.fetch(tracker('free.test', 'control.json')).then((response) => response.status);
  return { fetchError, xhrError: await xhrError, beacon, image: image.getAttribute('src'), socket, script: script.getAttribute('src'), control };
}

const BLOCKED_CALLS = { fetchError: 'TypeError', xhrError: 'error', beacon: false, image: null, socket: 'SecurityError', script: null, control: 200 };

describe('gates: nothing reaches a gated host without consent (R02, R03)', () => {
  useFreshPage();

  it('sends nothing before a decision, lists every attempt, and lets other hosts through', async () => {
    const win = (await loadPage({ config: siteConfig(), head: HEAD, body: BODY })) as GatedFrame;
    expect(await hitsOf('free.test', '/tracker/control.gif')).to.equal(1);
    expect(await callFromCode(win)).to.deep.equal(BLOCKED_CALLS);
    await laterRequestArrived(win);
    expect(await gatedHits()).to.deep.equal([]);
    expect(win.__trackerRuns).to.equal(undefined);
    // R01: nothing stored, not even the consent cookie before a choice.
    expect(await browserCookies()).to.deep.equal([]);
    expect(win.localStorage.length).to.equal(0);
    // Gated markup is logged once the on-demand half of the gates has looked at it.
    const everyKind = ['beacon', 'fetch', 'iframe', 'image', 'img', 'link', 'media', 'script', 'websocket', 'xhr'];
    await until(() => kinds(win.samtycke.blocked()).length >= everyKind.length, 'every kind of attempt in the log');
    const blocked = win.samtycke.blocked();
    expect(kinds(blocked)).to.deep.equal(everyKind);
    const image = blocked.find((attempt) => attempt.kind === 'image')!;
    // No query string: it can carry identifiers.
    expect(image).to.include({ host: 'pixel.test', url: `http://pixel.test:${location.port}/tracker/image.gif`, service: 'meta-pixel', category: 'marketing' });
    expect(image.at).to.be.a('number');
  });

  it('holds back fetchLater, where the browser has it, as it holds back a beacon', async function () {
    type WithFetchLater = GatedFrame & { fetchLater?: (url: string) => unknown; FetchLaterResult?: new () => unknown };
    const win = (await loadPage({ config: siteConfig() })) as WithFetchLater;
    if (!win.fetchLater) this.skip();
    // Held back before the browser looks at it: never queued, so never sent as the page goes away.
    expect(win.fetchLater!(tracker('pixel.test', 'later.gif'))).to.deep.equal({ activated: false });
    expect(win.samtycke.blocked().map((attempt) => `${attempt.kind} ${attempt.host}`)).to.deep.equal(['beacon pixel.test']);
    // The control: an ungated call reaches the browser's own fetchLater, which takes only secure URLs (the test hosts are plain http).
    expect(() => win.fetchLater!(tracker('free.test', 'later.json'))).to.throw(/insecure URL/);
  });

  it('announces each blocked attempt as a samtycke:blocked event', async () => {
    const win = (await loadPage({ config: siteConfig(), body: BODY })) as GatedFrame;
    const seen: string[] = [];
    win.document.addEventListener('samtycke:blocked', (event) => seen.push(event.detail.kind));
    await win.fetch(tracker('pixel.test', 'x.json')).catch(() => null);
    expect(seen).to.deep.equal(['fetch']);
  });

  it('sends nothing after "Reject all" either', async () => {
    const win = (await loadPage({ config: siteConfig(), head: HEAD, body: BODY })) as GatedFrame;
    await validated(win);
    expect(win.samtycke.rejectAll()).to.equal(true);
    expect(win.samtycke.state.decided).to.equal(true);
    expect(await callFromCode(win)).to.deep.equal(BLOCKED_CALLS);
    await laterRequestArrived(win);
    expect(await gatedHits()).to.deep.equal([]);
    expect((await browserCookies()).map((cookie) => cookie.name)).to.deep.equal(['samtycke']);
    // A returning visitor who refused: the fast path blocks just the same.
    const again = (await loadPage({ config: siteConfig(), head: HEAD, body: BODY })) as GatedFrame;
    expect(again.samtycke.state.decided).to.equal(true);
    expect(await callFromCode(again)).to.deep.equal(BLOCKED_CALLS);
    await laterRequestArrived(again);
    expect(await gatedHits()).to.deep.equal([]);
  });

  it('after "Accept all" loads every gated element once and runs the scripts in page order', async () => {
    const win = (await loadPage({ config: siteConfig(), head: HEAD, body: BODY })) as GatedFrame;
    await validated(win);
    // A tag added after load, as a tag manager would: held back until consent.
    const late = win.document.createElement('script');
    late.src = tracker('analytics.test', 'late.js');
    const lateRan = new Promise((resolve) => late.addEventListener('load', resolve));
    win.document.body.append(late);
    expect(late.getAttribute('src')).to.equal(null);
    await laterRequestArrived(win);
    expect(await gatedHits()).to.deep.equal([]);

    expect(await runInsideClick(win, () => win.samtycke.acceptAll())).to.equal(true);
    await lateRan;
    await until(() => win.__trackerRuns?.length === 4, 'four scripts to run');
    const runs = win.__trackerRuns!;
    // Page order for the gated scripts; the late tag whenever it arrives.
    expect(runs.filter((run) => !run.endsWith('late.js'))).to.deep.equal([`analytics.test/tracker/first.js`, 'inline', `analytics.test/tracker/third.js`]);
    expect(runs).to.include('analytics.test/tracker/late.js');
    await until(() => hitsOf('video.test', '/tracker/embed.html'), 'the embed to load');
    await until(async () => (await hitsOf('video.test', '/tracker/clip.webm')) > 0, 'the video source to be requested');
    await imageLoaded(win, 'pixel');
    await until(() => win.document.styleSheets.length > 0, 'the stylesheet to load');
    // The trackers really store things once they load (so the "nothing stored" checks above can fail).
    expect((await browserCookies()).map((cookie) => cookie.name).sort()).to.include.members(['_ga', 'samtycke']);
    expect(win.localStorage.getItem('_ga_store')).to.equal('1');
    const hits = await gatedHits();
    for (const path of ['first.js', 'third.js', 'late.js', 'style.css']) expect(hits.filter((hit) => hit === `analytics.test/tracker/${path}`), path).to.have.length(1);
    expect(hits.filter((hit) => hit === 'pixel.test/tracker/pixel.gif')).to.have.length(1);
    expect(hits.filter((hit) => hit === 'video.test/tracker/embed.html')).to.have.length(1);
    expect(hits.filter((hit) => hit === 'video.test/tracker/clip.webm').length).to.be.at.least(1);
    // Granted now: calls from code go through.
    expect(await win.fetch(tracker('analytics.test', 'now.json')).then((response) => response.status)).to.equal(200);
    expect((await trackerHits('analytics.test')).some((hit) => hit.path === '/tracker/now.json')).to.equal(true);
  });

  it('carries the CSP nonce over to the scripts it activates', async () => {
    const win = (await loadPage({
      config: siteConfig(),
      // The test server's origin besides 'self': Firefox does not match 'self' to the origin a srcdoc page inherits.
      before: `<meta http-equiv="Content-Security-Policy" content="script-src 'self' ${location.origin} 'nonce-r4nd0m'">`,
      head: `
<script type="text/plain" nonce="r4nd0m" data-category="analytics" data-src="${tracker('analytics.test', 'csp.js')}"></script>
<script type="text/plain" nonce="r4nd0m" data-category="analytics">window.__trackerRuns.push('inline with nonce');</script>
<script type="text/plain" data-category="analytics">window.__trackerRuns.push('inline without nonce');</script>
<script type="text/plain" nonce="r4nd0m" data-category="analytics">window.__trackerRuns.push('last');</script>`,
    })) as GatedFrame;
    await validated(win);
    const refused = new Promise((resolve) => win.document.addEventListener('securitypolicyviolation', resolve, { once: true }));
    expect(await runInsideClick(win, () => win.samtycke.acceptAll())).to.equal(true);
    await until(() => win.__trackerRuns?.includes('last'), 'the last script');
    expect(win.__trackerRuns).to.deep.equal(['analytics.test/tracker/csp.js', 'inline with nonce', 'last']);
    // The page's policy still holds: a script without the nonce is refused.
    await refused;
  });

  it('runs a returning visitor\'s gated scripts while the page loads, in page order, each once', async () => {
    const first = (await loadPage({ config: siteConfig() })) as GatedFrame;
    await validated(first);
    expect(await runInsideClick(first, () => first.samtycke.acceptAll())).to.equal(true);
    removePages();
    await resetTrackerHits();
    const win = (await loadPage({
      config: siteConfig(),
      head: HEAD,
      body: `${BODY}
<script type="text/plain" data-category="analytics" data-src="${tracker('analytics.test', 'body.js')}" defer></script>
<script type="text/plain" data-category="analytics">window.__trackerRuns.push('body inline');</script>`,
    })) as GatedFrame;
    // Decided from the cookie: no validator, no banner, the scripts start as the parser reaches them.
    expect(win.samtycke.state.decided).to.equal(true);
    await until(() => win.__trackerRuns?.length === 5, 'five scripts to run');
    expect(win.__trackerRuns).to.deep.equal([
      'analytics.test/tracker/first.js',
      'inline',
      'analytics.test/tracker/third.js',
      'analytics.test/tracker/body.js',
      'body inline',
    ]);
    await imageLoaded(win, 'pixel');
    const hits = await gatedHits();
    for (const path of ['analytics.test/tracker/first.js', 'analytics.test/tracker/third.js', 'analytics.test/tracker/body.js', 'pixel.test/tracker/pixel.gif']) {
      expect(hits.filter((hit) => hit === path), path).to.have.length(1);
    }
  });
});
