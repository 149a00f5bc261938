import { expect } from '@esm-bundle/chai';
import { trackerHits } from '../helpers/browser.js';
import { loadPage } from '../helpers/page.js';
import { runInsideClick } from '../helpers/click-with-mouse.js';
import { until } from '../helpers/until.js';
import { useFreshPage } from '../helpers/fresh-page.js';
import { siteConfig } from '../fixtures/config.js';
import { laterRequestArrived, tracker, validated, type GatedFrame } from './helpers.js';

const port = location.port;

/** Requests that reached the marketing host, however its name was written. */
const pixelHits = async () => (await trackerHits()).filter((hit) => hit.host.startsWith('pixel.test')).map((hit) => hit.path);

/** Spellings of a pixel.test URL the browser reads as one. */
const FORMS = {
  spaces: ` \n http://pixel.test:${port}/tracker/spaces.json \t`,
  newline: `http://pix\nel.test:${port}/tracker/newline.json`,
  tab: `h\tttp://pixel.test:${port}/tracker/tab.json`,
  backslashes: `http:\\\\pixel.test:${port}\\tracker\\backslashes.json`,
  relativeBackslashes: `\\\\pixel.test:${port}/tracker/relative-backslashes.json`,
  upperCase: `HTTP://PIXEL.TEST:${port}/tracker/upper-case.json`,
  trailingDot: `http://pixel.test.:${port}/tracker/trailing-dot.json`,
};

describe('gates: every way to write a URL, and every property that fetches (R02, R03)', () => {
  useFreshPage();

  it('blocks a gated host however its URL is spelled', async () => {
    const win = (await loadPage({ config: siteConfig() })) as GatedFrame;
    const results: Record<string, string> = {};
    for (const [name, url] of Object.entries(FORMS)) {
      results[name] = await win.fetch(url).then(() => 'sent', () => 'failed');
    }
    expect(results).to.deep.equal(Object.fromEntries(Object.keys(FORMS).map((name) => [name, 'failed'])));
    const listed = win.samtycke.blocked().map((attempt) => `${attempt.service} ${attempt.url.replace(/.*\/tracker\//, '')}`);
    expect(listed).to.deep.equal(Object.values(FORMS).map((url) => `meta-pixel ${/[\w-]+\.json/.exec(url.replace(/\s/g, ''))![0]}`));
    await laterRequestArrived(win);
    expect(await pixelHits()).to.deep.equal([]);
  });

  it('holds back srcset, poster, setAttributeNS, new Audio() and EventSource', async () => {
    const win = (await loadPage({ config: siteConfig() })) as GatedFrame;
    await validated(win);
    const doc = win.document;
    const byProperty = doc.createElement('img');
    byProperty.srcset = `${tracker('pixel.test', 'property.gif')} 2x`;
    const byAttribute = doc.createElement('img');
    byAttribute.setAttribute('srcset', `/tracker/local.gif 1x, ${tracker('pixel.test', 'attribute.gif')} 2x`);
    const picture = doc.createElement('picture');
    const source = doc.createElement('source');
    source.srcset = tracker('pixel.test', 'source.gif');
    picture.append(source, doc.createElement('img'));
    const namespaced = doc.createElement('img');
    namespaced.setAttributeNS(null, 'src', tracker('pixel.test', 'namespaced.gif'));
    const video = doc.createElement('video');
    video.poster = tracker('pixel.test', 'poster.gif');
    const posterAttribute = doc.createElement('video');
    posterAttribute.setAttribute('poster', tracker('pixel.test', 'poster-attribute.gif'));
    doc.body.append(byProperty, byAttribute, picture, namespaced, video, posterAttribute);
    const audio = new win.Audio(tracker('pixel.test', 'sound.webm'));
    let eventSource = 'opened';
    try {
      new win.EventSource(tracker('pixel.test', 'events'));
    } catch (error) {
      eventSource = (error as DOMException).name;
    }
    // Images made by code are listed as `image` until they are in the page. Markup inserted as a string is seen by the observer.
    const holder = doc.createElement('div');
    holder.innerHTML = `<img id="parsed" srcset="${tracker('pixel.test', 'parsed.gif')} 2x" alt=""><video id="parsed-video" poster="${tracker('pixel.test', 'parsed-poster.gif')}"></video>`;
    doc.body.append(holder);

    expect(byProperty.getAttribute('srcset')).to.equal(null);
    expect(byAttribute.getAttribute('srcset')).to.equal(null);
    expect(byAttribute.dataset.srcset).to.equal(`/tracker/local.gif 1x, ${tracker('pixel.test', 'attribute.gif')} 2x`);
    expect(source.getAttribute('srcset')).to.equal(null);
    expect(namespaced.getAttribute('src')).to.equal(null);
    expect(video.getAttribute('poster')).to.equal(null);
    expect(posterAttribute.getAttribute('poster')).to.equal(null);
    expect(audio.getAttribute('src')).to.equal(null);
    expect(audio.preload).to.equal('auto');
    expect(eventSource).to.equal('SecurityError');
    await until(() => doc.getElementById('parsed')!.getAttribute('srcset') === null, 'the parsed srcset to be held back');
    await until(() => doc.getElementById('parsed-video')!.getAttribute('poster') === null, 'the parsed poster to be held back');
    const kinds = win.samtycke.blocked().map((attempt) => `${attempt.kind} ${attempt.url.replace(/.*\/tracker\//, '')}`);
    expect(kinds).to.include.members(['image property.gif', 'image attribute.gif', 'media source.gif', 'image namespaced.gif', 'media poster.gif', 'media poster-attribute.gif', 'media sound.webm', 'eventsource events', 'img parsed.gif', 'media parsed-poster.gif']);
    await laterRequestArrived(win);
    expect((await pixelHits()).filter((path) => !path.includes('parsed'))).to.deep.equal([]);

    // Granted: each comes back in place.
    expect(await runInsideClick(win, () => win.samtycke.acceptAll())).to.equal(true);
    await until(() => byProperty.getAttribute('srcset'), 'the srcset to be set');
    await until(() => video.getAttribute('poster'), 'the poster to be set');
    await until(() => (namespaced.complete && namespaced.naturalWidth) || null, 'the namespaced image to load');
  });
});
