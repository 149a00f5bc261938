import { expect } from '@esm-bundle/chai';
import { loadPage } from '../helpers/page.js';
import { clickWithMouse, runInsideClick } from '../helpers/click-with-mouse.js';
import { until } from '../helpers/until.js';
import { useFreshPage } from '../helpers/fresh-page.js';
import { siteConfig } from '../fixtures/config.js';
import { decisionApplied, hitsOf, imageLoaded, laterRequestArrived, tracker, validated, type GatedFrame } from './helpers.js';

/** Media markup whose URLs reach the marketing host, next to one that really is media. */
const BODY = `
<iframe id="frame" data-category="media" data-src="${tracker('pixel.test', 'frame.html')}" width="400" height="225" title="Clip"></iframe>
<img id="srcset" data-category="media" data-src="${tracker('video.test', 'small.gif')}" data-srcset="${tracker('video.test', 'one.gif')} 1x, ${tracker('pixel.test', 'two.gif')} 2x" alt="">
<video id="clip" data-category="media"><source data-src="${tracker('pixel.test', 'clip.webm')}" type="video/webm"></video>
<link id="style" rel="stylesheet" data-service="video" data-href="${tracker('pixel.test', 'style.css')}">
<img id="ok" data-category="media" data-src="${tracker('video.test', 'ok.gif')}" alt="">
<div style="height: 1200px"></div>`;

describe('gates: a URL is only activated when the service it reaches is granted (R10)', () => {
  useFreshPage();

  it('keeps media markup that points at a refused marketing host back, and lists it', async () => {
    const win = (await loadPage({ config: siteConfig(), body: BODY })) as GatedFrame;
    await validated(win);
    expect(await runInsideClick(win, () => win.samtycke.set({ media: true }))).to.equal(true);
    await decisionApplied(win);
    await imageLoaded(win, 'ok');
    expect(await hitsOf('video.test', '/tracker/ok.gif')).to.equal(1);
    await laterRequestArrived(win);
    const doc = win.document;
    expect(doc.getElementById('frame')!.getAttribute('src')).to.equal(null);
    expect(doc.getElementById('srcset')!.getAttribute('srcset')).to.equal(null);
    expect(doc.getElementById('srcset')!.getAttribute('src')).to.equal(null);
    expect(doc.querySelector('#clip source')!.getAttribute('src')).to.equal(null);
    expect(doc.getElementById('style')!.getAttribute('href')).to.equal(null);
    for (const file of ['frame.html', 'two.gif', 'clip.webm', 'style.css']) expect(await hitsOf('pixel.test', `/tracker/${file}`), file).to.equal(0);
    expect(await hitsOf('video.test', '/tracker/one.gif')).to.equal(0);
    const listed = win.samtycke.blocked().filter((attempt) => attempt.host === 'pixel.test');
    expect([...new Set(listed.map((attempt) => attempt.kind))].sort()).to.deep.equal(['iframe', 'img', 'link', 'media']);
    expect(listed.map((attempt) => attempt.url)).to.include(`http://pixel.test:${location.port}/tracker/two.gif`);
    expect(listed.every((attempt) => attempt.service === 'meta-pixel')).to.equal(true);

    // Granting the marketing service too activates them all.
    expect(await runInsideClick(win, () => win.samtycke.set({ marketing: true }))).to.equal(true);
    await decisionApplied(win);
    await until(() => hitsOf('pixel.test', '/tracker/frame.html'), 'the frame to load');
    expect(doc.getElementById('srcset')!.getAttribute('srcset')).to.contain('two.gif');
  });

  it('offers the refused owner\'s placeholder, and "Load once" loads that one iframe', async () => {
    const win = (await loadPage({ config: siteConfig(), body: BODY })) as GatedFrame;
    await validated(win);
    expect(await runInsideClick(win, () => win.samtycke.set({ media: true }))).to.equal(true);
    await decisionApplied(win);
    const frame = win.document.getElementById('frame') as HTMLIFrameElement;
    const box = await until(() => frame.previousElementSibling?.closest('[data-samtycke-placeholder]') as HTMLElement | null, 'the placeholder');
    expect(box.textContent).to.contain('Meta Pixel (Meta Platforms Ireland Ltd) is not loaded');
    const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
    await clickWithMouse([...box.querySelectorAll('button')].find((button) => button.textContent === 'Load once')!);
    await loaded;
    expect(await hitsOf('pixel.test', '/tracker/frame.html')).to.equal(1);
    await laterRequestArrived(win);
    expect(await hitsOf('pixel.test', '/tracker/clip.webm')).to.equal(0);
    expect(win.samtycke.has('marketing')).to.equal(false);
  });
});
