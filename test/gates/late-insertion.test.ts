import { expect } from '@esm-bundle/chai';
import { loadPage } from '../helpers/page.js';
import { runInsideClick } from '../helpers/click-with-mouse.js';
import { until } from '../helpers/until.js';
import { useFreshPage } from '../helpers/fresh-page.js';
import { siteConfig } from '../fixtures/config.js';
import { gatedHits, hitsOf, kinds, laterRequestArrived, tracker, validated, type GatedFrame } from './helpers.js';

const SVG = 'http://www.w3.org/2000/svg';
const XLINK = 'http://www.w3.org/1999/xlink';

/** What a tag manager or an SPA does after load, each in its own way; nothing carries a samtycke attribute. */
function injectTags(win: GatedFrame) {
  const doc = win.document;
  const script = doc.createElement('script');
  // Protocol-relative, set as an attribute.
  script.setAttribute('src', `//analytics.test:${location.port}/tracker/late-attribute.js`);
  doc.head.append(script);
  const image = doc.createElement('img');
  image.setAttribute('src', tracker('pixel.test', 'late.gif'));
  image.alt = '';
  doc.body.append(image);
  const style = doc.createElement('link');
  style.rel = 'stylesheet';
  style.href = tracker('analytics.test', 'late.css');
  doc.head.append(style);
  const preconnect = doc.createElement('link');
  preconnect.rel = 'preconnect';
  preconnect.href = `http://pixel.test:${location.port}`;
  doc.head.append(preconnect);
  const frame = doc.createElement('iframe');
  frame.title = 'Late video';
  frame.src = tracker('video.test', 'late.html');
  doc.body.append(frame);
  return { script, image, style, preconnect, frame };
}

describe('gates: tags added after load (R03)', () => {
  useFreshPage();

  it('holds every injected tag back before consent and loads each once after "Accept all"', async () => {
    const win = (await loadPage({ config: siteConfig() })) as GatedFrame;
    await validated(win);
    const tags = injectTags(win);
    expect(tags.script.getAttribute('src')).to.equal(null);
    expect(tags.script.dataset.src).to.equal(`//analytics.test:${location.port}/tracker/late-attribute.js`);
    expect(tags.image.getAttribute('src')).to.equal(null);
    expect(tags.style.getAttribute('href')).to.equal(null);
    expect(tags.preconnect.getAttribute('href')).to.equal(null);
    await until(() => tags.frame.previousElementSibling?.hasAttribute('data-samtycke-placeholder'), 'the placeholder of the late iframe');
    expect(tags.frame.dataset.src).to.equal(tracker('video.test', 'late.html'));
    expect(win.samtycke.blocked().map((attempt) => attempt.kind).sort()).to.deep.equal(['iframe', 'image', 'link', 'link', 'script']);
    await laterRequestArrived(win);
    expect(await gatedHits()).to.deep.equal([]);

    const ran = new Promise((resolve) => tags.script.addEventListener('load', resolve));
    expect(await runInsideClick(win, () => win.samtycke.acceptAll())).to.equal(true);
    await ran;
    expect(win.__trackerRuns).to.deep.equal(['analytics.test/tracker/late-attribute.js']);
    await until(() => tags.image.complete && tags.image.getAttribute('src'), 'the pixel');
    await until(() => hitsOf('analytics.test', '/tracker/late.css'), 'the stylesheet');
    await until(() => hitsOf('video.test', '/tracker/late.html'), 'the iframe');
    expect(tags.preconnect.getAttribute('href')).to.equal(`http://pixel.test:${location.port}`);
    expect(tags.frame.previousElementSibling?.hasAttribute('data-samtycke-placeholder')).to.not.equal(true);
    expect((await gatedHits()).sort()).to.deep.equal([
      'analytics.test/tracker/late-attribute.js',
      'analytics.test/tracker/late.css',
      'pixel.test/tracker/late.gif',
      'video.test/tracker/late.html',
    ]);
  });

  it('lets tags for granted services through untouched', async () => {
    const win = (await loadPage({ config: siteConfig() })) as GatedFrame;
    await validated(win);
    expect(await runInsideClick(win, () => win.samtycke.set({ analytics: true }))).to.equal(true);
    const script = win.document.createElement('script');
    script.src = tracker('analytics.test', 'granted.js');
    const ran = new Promise((resolve) => script.addEventListener('load', resolve));
    win.document.head.append(script);
    await ran;
    expect(script.getAttribute('src')).to.equal(tracker('analytics.test', 'granted.js'));
    expect(await hitsOf('analytics.test', '/tracker/granted.js')).to.equal(1);
    const image = new win.Image();
    image.src = tracker('pixel.test', 'still-refused.gif');
    expect(image.getAttribute('src')).to.equal(null);
    await laterRequestArrived(win);
    expect(await hitsOf('pixel.test', '/tracker/still-refused.gif')).to.equal(0);
  });

  it('holds back SVG scripts and images whose href code sets, and loads them after "Accept all"', async () => {
    const win = (await loadPage({ config: siteConfig() })) as GatedFrame;
    await validated(win);
    const doc = win.document;
    const svg = doc.createElementNS(SVG, 'svg');
    // An SVG script runs what its href names, as an HTML script runs its src.
    const script = doc.createElementNS(SVG, 'script');
    script.setAttribute('href', tracker('analytics.test', 'svg.js'));
    const image = doc.createElementNS(SVG, 'image');
    image.setAttributeNS(XLINK, 'xlink:href', tracker('pixel.test', 'svg.gif'));
    image.setAttribute('width', '1');
    image.setAttribute('height', '1');
    svg.append(script, image);
    doc.body.append(svg);
    expect(script.getAttribute('href')).to.equal(null);
    expect(image.getAttributeNS(XLINK, 'href')).to.equal(null);
    expect(image.dataset.href).to.equal(tracker('pixel.test', 'svg.gif'));
    expect(kinds(win.samtycke.blocked())).to.deep.equal(['image', 'script']);
    await laterRequestArrived(win);
    expect(await gatedHits()).to.deep.equal([]);
    expect(win.__trackerRuns).to.equal(undefined);

    expect(await runInsideClick(win, () => win.samtycke.acceptAll())).to.equal(true);
    await until(() => win.__trackerRuns?.includes('analytics.test/tracker/svg.js'), 'the SVG script to run');
    await until(() => hitsOf('pixel.test', '/tracker/svg.gif'), 'the SVG image');
    expect((await gatedHits()).sort()).to.deep.equal(['analytics.test/tracker/svg.js', 'pixel.test/tracker/svg.gif']);
  });

  it('holds back a subtree built apart before it is connected: template clones (Svelte, Vue) and a parsed fragment', async () => {
    const win = (await loadPage({ config: siteConfig() })) as GatedFrame;
    await validated(win);
    const doc = win.document;
    const template = doc.createElement('template');
    template.innerHTML = `<div><iframe title="Template video" src="${tracker('video.test', 'template.html')}"></iframe></div>`;
    // As Svelte does: the template's content cloned, and put before an anchor node.
    const anchor = doc.createComment('');
    doc.body.append(anchor);
    anchor.before(doc.importNode(template.content, true));
    // As Vue does: each node of the parsed template inserted before a reference node.
    const copy = template.content.cloneNode(true) as DocumentFragment;
    doc.body.insertBefore(copy.firstChild!, anchor);
    // As jQuery's replaceWith() does: a parsed node put in place of another.
    const stand = doc.createElement('span');
    doc.body.append(stand);
    doc.body.replaceChild(template.content.cloneNode(true).firstChild!, stand);
    // A fragment made from a markup string: its script would run as it is inserted.
    doc.body.appendChild(doc.createRange().createContextualFragment(`<script src="${tracker('analytics.test', 'fragment.js')}"></script>`));
    // Held back as they were inserted, before the observer could have seen them.
    const frames = [...doc.querySelectorAll('iframe')];
    expect(frames.map((frame) => frame.getAttribute('src'))).to.deep.equal(['about:blank', 'about:blank', 'about:blank']);
    expect(frames.map((frame) => frame.dataset.src)).to.deep.equal(Array(3).fill(tracker('video.test', 'template.html')));
    const script = doc.querySelector<HTMLScriptElement>('script[data-src]')!;
    expect(script.type).to.equal('text/plain');
    await laterRequestArrived(win);
    expect(await gatedHits()).to.deep.equal([]);
    expect(win.samtycke.blocked().map((attempt) => attempt.kind).sort()).to.deep.equal(['iframe', 'iframe', 'iframe', 'script']);

    expect(await runInsideClick(win, () => win.samtycke.acceptAll())).to.equal(true);
    await until(() => win.__trackerRuns?.includes('analytics.test/tracker/fragment.js'), 'the fragment\'s script');
    await until(async () => (await hitsOf('video.test', '/tracker/template.html')) === 3, 'the three frames');
  });

  it('holds back an iframe put into a shadow root before it navigates, and loads it after "Accept all"', async () => {
    const win = (await loadPage({ config: siteConfig() })) as GatedFrame;
    await validated(win);
    const doc = win.document;
    const template = doc.createElement('template');
    template.innerHTML = `<iframe title="Shadow video" src="${tracker('video.test', 'shadow.html')}"></iframe>`;
    const host = doc.createElement('div');
    doc.body.append(host);
    const root = host.attachShadow({ mode: 'open' });
    root.append(doc.importNode(template.content, true));
    const frame = root.querySelector('iframe')!;
    expect(frame.getAttribute('src')).to.equal('about:blank');
    expect(frame.dataset.src).to.equal(tracker('video.test', 'shadow.html'));
    await laterRequestArrived(win);
    expect(await gatedHits()).to.deep.equal([]);
    expect(await runInsideClick(win, () => win.samtycke.acceptAll())).to.equal(true);
    await until(() => hitsOf('video.test', '/tracker/shadow.html'), 'the shadow root\'s iframe');
  });

  it('holds back a tag inserted as a markup string right after insertion (its first request may already have left)', async () => {
    const win = (await loadPage({ config: siteConfig() })) as GatedFrame;
    await validated(win);
    win.document.body.insertAdjacentHTML('beforeend', `<iframe id="markup" src="${tracker('video.test', 'markup.html')}" title="Markup video"></iframe>`);
    const frame = win.document.getElementById('markup') as HTMLIFrameElement;
    // Before the next task the observer has sent it nowhere and put the placeholder in its place.
    expect(frame.getAttribute('src')).to.equal(tracker('video.test', 'markup.html'));
    await Promise.resolve();
    expect(frame.getAttribute('src')).to.equal('about:blank');
    expect(frame.dataset.src).to.equal(tracker('video.test', 'markup.html'));
    expect(frame.dataset.service).to.equal('video');
    await until(() => frame.previousElementSibling?.hasAttribute('data-samtycke-placeholder'), 'the placeholder');
    expect(win.samtycke.blocked().map((attempt) => attempt.kind)).to.deep.equal(['iframe']);
  });
});
