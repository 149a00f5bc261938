import { expect } from '@esm-bundle/chai';
import { loadPage } from '../helpers/page.js';
import { runInsideClick } from '../helpers/click-with-mouse.js';
import { until } from '../helpers/until.js';
import { useFreshPage } from '../helpers/fresh-page.js';
import { itUnlessLimit } from '../helpers/engine.js';
import { siteConfig } from '../fixtures/config.js';
import { decisionApplied, gatedHits, hitsOf, kinds, laterRequestArrived, tracker, validated, type GatedFrame } from './helpers.js';
import { FRAME_HOOK } from '../../src/gates/frame-gate.js';

/**
 * Same-origin child frames are a way out of the page's patched globals (the
 * "clean realm" trick): every case here reaches a gated host from a frame's
 * realm or a frame's markup. Before consent nothing arrives (checked after a
 * positive control sent from the same frame), the attempt is listed; after
 * "Accept all" the frame's gated tags load as in the page; after withdrawal a
 * new attempt from the frame's realm is stopped.
 */

type FrameWindow = Window & typeof globalThis & { __trackerRuns?: string[] };

/** Markup that reaches every gated host three ways: a script, a pixel and a fetch from an inline script. */
const gatedMarkup = (name: string) =>
  `<script src="${tracker('analytics.test', `${name}.js`)}"></script>` +
  `<img id="pixel" alt="" src="${tracker('pixel.test', `${name}.gif`)}">` +
  `<script>fetch(${JSON.stringify(tracker('analytics.test', `${name}.json`))}).then(() => { window.fetched = 'sent'; }, () => { window.fetched = 'stopped'; });</script>` +
  '<p id="done">done</p>';

const config = () => siteConfig({ reloadOnRevoke: false });

async function page(): Promise<GatedFrame> {
  const win = (await loadPage({ config: config() })) as GatedFrame;
  await validated(win);
  return win;
}

/** The frame's window once its own document (not the empty one before it) has run to the end. */
async function frameDone(frame: HTMLIFrameElement): Promise<FrameWindow> {
  await until(() => frame.contentDocument?.getElementById('done') && frame.contentDocument.readyState === 'complete', 'the frame document to load');
  return frame.contentWindow as FrameWindow;
}

/** A new attempt from the frame's realm, with no consent for it: it must be stopped (and nothing arrives). */
async function stoppedFromRealm(win: GatedFrame, frameWindow: FrameWindow, name: string): Promise<void> {
  const before = win.samtycke.blocked().length;
  expect(await frameWindow.fetch(tracker('analytics.test', name)).then(() => 'sent', () => 'stopped')).to.equal('stopped');
  expect(win.samtycke.blocked().slice(before).map((attempt) => `${attempt.kind} ${attempt.host}`)).to.deep.equal(['fetch analytics.test']);
  await laterRequestArrived(frameWindow);
  expect(await hitsOf('analytics.test', `/tracker/${name}`)).to.equal(0);
}

/** Accepts, waits for the frame's held-back script and pixel to load, then withdraws and checks the frame's realm is stopped again. */
async function acceptThenWithdraw(win: GatedFrame, frame: HTMLIFrameElement, name: string): Promise<void> {
  expect(await runInsideClick(win, () => win.samtycke.acceptAll())).to.equal(true);
  const frameWindow = frame.contentWindow as FrameWindow;
  await until(() => frameWindow.__trackerRuns?.includes(`analytics.test/tracker/${name}.js`), 'the frame script to run after consent');
  await until(async () => (await hitsOf('pixel.test', `/tracker/${name}.gif`)) === 1, 'the frame pixel to load after consent');
  expect(await frameWindow.fetch(tracker('analytics.test', `${name}-granted.json`)).then((response) => response.status)).to.equal(200);

  expect(win.samtycke.withdraw()).to.equal(true);
  await decisionApplied(win);
  await stoppedFromRealm(win, frameWindow, `${name}-withdrawn.json`);
}

describe('gates: same-origin child frames', () => {
  useFreshPage();

  for (const [how, insert] of [
    ['set as a property before insertion', (doc: Document, markup: string) => {
      const frame = doc.createElement('iframe');
      frame.srcdoc = markup;
      doc.body.append(frame);
      return frame;
    }],
    ['set as an attribute after insertion', (doc: Document, markup: string) => {
      const frame = doc.createElement('iframe');
      doc.body.append(frame);
      frame.setAttribute('srcdoc', markup);
      return frame;
    }],
    ['inserted as markup', (doc: Document, markup: string) => {
      const holder = doc.createElement('div');
      holder.innerHTML = `<iframe srcdoc="${markup.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}"></iframe>`;
      doc.body.append(holder);
      return holder.firstElementChild as HTMLIFrameElement;
    }],
  ] as const) {
    it(`holds back a srcdoc frame's script, pixel and fetch (srcdoc ${how}), loads them after consent and stops the frame again after withdrawal`, async () => {
      const win = await page();
      const frame = insert(win.document, gatedMarkup('srcdoc'));
      const frameWindow = await frameDone(frame);
      await until(() => (frameWindow as FrameWindow & { fetched?: string }).fetched, 'the frame fetch to settle');
      expect((frameWindow as FrameWindow & { fetched?: string }).fetched).to.equal('stopped');
      await laterRequestArrived(frameWindow);
      expect(await gatedHits()).to.deep.equal([]);
      expect(kinds(win.samtycke.blocked())).to.deep.equal(['fetch', 'img', 'script']);
      expect(win.samtycke.blocked().map((attempt) => attempt.host).sort()).to.deep.equal(['analytics.test', 'analytics.test', 'pixel.test']);
      await acceptThenWithdraw(win, frame, 'srcdoc');
    });
  }

  it('wraps the fresh realm of a srcdoc set after insertion on a page with a nonce CSP, through the hook script and its nonce', async () => {
    const csp = `<meta http-equiv="Content-Security-Policy" content="script-src 'self' 'nonce-frames1'">`;
    const win = (await loadPage({ config: config(), before: csp, nonce: 'frames1' })) as GatedFrame;
    await validated(win);
    const frame = win.document.createElement('iframe');
    win.document.body.append(frame);
    // Set once the frame is in the page: its document gets a realm of its own, which only the hook can reach in time.
    frame.srcdoc = `<script nonce="frames1">fetch(${JSON.stringify(tracker('analytics.test', 'csp.json'))}).then(() => { window.fetched = 'sent'; }, () => { window.fetched = 'stopped'; });</script><p id="done">done</p>`;
    const frameWindow = (await frameDone(frame)) as FrameWindow & { fetched?: string };
    await until(() => frameWindow.fetched, 'the frame fetch to settle');
    expect(frameWindow.fetched).to.equal('stopped');
    // The hook removed itself: the frame's document is as the page wrote it.
    expect(frameWindow.document.scripts.length).to.equal(1);
    await laterRequestArrived(frameWindow);
    expect(await gatedHits()).to.deep.equal([]);
  });

  it('documents the SHA-256 of the hook script that a CSP with hashes must allow', async () => {
    const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(FRAME_HOOK));
    const hash = btoa(String.fromCharCode(...new Uint8Array(digest)));
    expect(await (await fetch('/docs/gates.md')).text()).to.include(`'sha256-${hash}'`);
  });

  it('leaves a srcdoc that neither runs code nor reaches a gated host exactly as given', async () => {
    const win = await page();
    const frame = win.document.createElement('iframe');
    frame.srcdoc = '<p id="done">plain</p>';
    win.document.body.append(frame);
    await frameDone(frame);
    expect(frame.getAttribute('srcdoc')).to.equal('<p id="done">plain</p>');
  });

  it('stops fetch, XHR, sendBeacon and images from a fresh about:blank frame realm (the "clean realm" trick)', async () => {
    const win = await page();
    const frame = win.document.createElement('iframe');
    win.document.body.append(frame);
    // Reached right after insertion through window.frames, with no getter in between.
    const clean = win.frames[win.frames.length - 1] as FrameWindow;
    const fetched = await clean.fetch(tracker('analytics.test', 'blank.json')).then(() => 'sent', (error: Error) => error.constructor === clean.TypeError && 'stopped');
    expect(fetched).to.equal('stopped');
    // A frame's Request passed to the page's own fetch.
    expect(await win.fetch(new clean.Request(tracker('analytics.test', 'request.json'))).then(() => 'sent', () => 'stopped')).to.equal('stopped');
    const xhr = new (frame.contentWindow as FrameWindow).XMLHttpRequest();
    const failed = new Promise((resolve) => xhr.addEventListener('error', resolve));
    xhr.open('GET', tracker('analytics.test', 'blank-xhr.json'));
    xhr.send();
    await failed;
    expect(clean.navigator.sendBeacon(tracker('pixel.test', 'blank-beacon'), 'x')).to.equal(false);
    const image = new clean.Image();
    image.src = tracker('pixel.test', 'blank.gif');
    expect(image.getAttribute('src')).to.equal(null);
    await laterRequestArrived(clean);
    expect(await gatedHits()).to.deep.equal([]);
    expect(kinds(win.samtycke.blocked())).to.deep.equal(['beacon', 'fetch', 'image', 'xhr']);

    expect(await runInsideClick(win, () => win.samtycke.acceptAll())).to.equal(true);
    expect(await clean.fetch(tracker('analytics.test', 'blank-granted.json')).then((response) => response.status)).to.equal(200);
    expect(win.samtycke.withdraw()).to.equal(true);
    await decisionApplied(win);
    await stoppedFromRealm(win, clean, 'blank-withdrawn.json');
  });

  for (const [how, write] of [
    ['document.write', (doc: Document, markup: string) => {
      doc.open();
      doc.write(markup);
      doc.close();
    }],
    ['DOM methods', (doc: Document, markup: string) => {
      const script = doc.createElement('script');
      script.src = /src="([^"]+\.js)"/.exec(markup)![1]!;
      doc.head.append(script);
      const image = doc.createElement('img');
      image.id = 'pixel';
      image.setAttribute('src', /src="([^"]+\.gif)"/.exec(markup)![1]!);
      doc.body.append(image);
      const done = doc.createElement('p');
      done.id = 'done';
      doc.body.append(done);
    }],
  ] as const) {
    it(`holds back a script and a pixel written into an about:blank frame with ${how}, and loads them after consent`, async () => {
      const win = await page();
      const frame = win.document.createElement('iframe');
      win.document.body.append(frame);
      const name = how === 'document.write' ? 'written' : 'dom';
      write(frame.contentDocument!, gatedMarkup(name).replace(/<script>fetch[^]*?<\/script>/, ''));
      const frameWindow = await frameDone(frame);
      await laterRequestArrived(frameWindow);
      expect(await gatedHits()).to.deep.equal([]);
      await until(() => win.samtycke.blocked().length === 2, 'both attempts to be listed');
      // An image given its URL before it is in a document is listed as one made by code, as in the page.
      expect(kinds(win.samtycke.blocked())).to.deep.equal([how === 'DOM methods' ? 'image' : 'img', 'script']);
      await acceptThenWithdraw(win, frame, name);
    });
  }

  it('holds back what the document of a blob: frame names and its scripts fetch, and loads it after consent', async () => {
    const win = await page();
    const url = win.URL.createObjectURL(new win.Blob([`<!doctype html><html><head></head><body>${gatedMarkup('blob')}</body></html>`], { type: 'text/html' }));
    const frame = win.document.createElement('iframe');
    frame.src = url;
    win.document.body.append(frame);
    // Revoked at once, as pages often do: the frame still loads.
    win.URL.revokeObjectURL(url);
    const frameWindow = await frameDone(frame);
    expect(frameWindow.document.compatMode).to.equal('CSS1Compat');
    await until(() => (frameWindow as FrameWindow & { fetched?: string }).fetched, 'the frame fetch to settle');
    expect((frameWindow as FrameWindow & { fetched?: string }).fetched).to.equal('stopped');
    await laterRequestArrived(frameWindow);
    expect(await gatedHits()).to.deep.equal([]);
    expect(kinds(win.samtycke.blocked())).to.deep.equal(['fetch', 'img', 'script']);
    await acceptThenWithdraw(win, frame, 'blob');
  });

  itUnlessLimit('nested-srcdoc-stays-empty')('reaches frames nested in frames: a srcdoc in a srcdoc, and an about:blank frame made by a frame\'s script', async () => {
    const win = await page();
    const inner = gatedMarkup('nested');
    const frame = win.document.createElement('iframe');
    frame.srcdoc =
      `<iframe id="inner" srcdoc="${inner.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}"></iframe>` +
      `<script>const blank = document.createElement('iframe'); document.body.append(blank);` +
      `blank.contentWindow.fetch(${JSON.stringify(tracker('pixel.test', 'nested-blank.json'))}).catch(() => { window.blankStopped = true; });</script>` +
      '<p id="done">outer</p>';
    win.document.body.append(frame);
    const outer = await frameDone(frame);
    await until(() => (outer as FrameWindow & { blankStopped?: boolean }).blankStopped, 'the nested about:blank fetch to be stopped');
    const innerFrame = outer.document.getElementById('inner') as HTMLIFrameElement;
    const innerWindow = await frameDone(innerFrame);
    await until(() => (innerWindow as FrameWindow & { fetched?: string }).fetched, 'the inner fetch to settle');
    await laterRequestArrived(innerWindow);
    expect(await gatedHits()).to.deep.equal([]);
    expect(kinds(win.samtycke.blocked())).to.deep.equal(['fetch', 'img', 'script']);
    expect(win.samtycke.blocked().filter((attempt) => attempt.kind === 'fetch').map((attempt) => attempt.url)).to.have.members([
      `http://pixel.test:${location.port}/tracker/nested-blank.json`,
      `http://analytics.test:${location.port}/tracker/nested.json`,
    ]);
    await acceptThenWithdraw(win, innerFrame, 'nested');
  });
});
