import { expect } from '@esm-bundle/chai';
import { loadPage } from '../helpers/page.js';
import { clickWithMouse } from '../helpers/click-with-mouse.js';
import { until } from '../helpers/until.js';
import { useFreshPage } from '../helpers/fresh-page.js';
import { siteConfig } from '../fixtures/config.js';
import { hitsOf, laterRequestArrived, tracker, validated, type GatedFrame } from './helpers.js';
import type { Decision } from '../../src/entries/index.js';

const BODY = `
<iframe id="first" data-category="media" data-src="${tracker('video.test', 'first.html')}" width="400" height="225" title="First video"></iframe>
<iframe id="second" data-service="video" data-src="${tracker('video.test', 'second.html')}" width="400" height="225" title="Second video"></iframe>
<div style="height: 1200px"></div>`;

/** The placeholder drawn for an iframe (they arrive with a lazily loaded module), once its texts are in (a language other than English fetches them). */
const placeholderOf = (win: GatedFrame, id: string) =>
  until(() => {
    const box = win.document.getElementById(id)!.previousElementSibling;
    return box?.hasAttribute('data-samtycke-placeholder') && !box.hasAttribute('aria-busy') ? (box as HTMLElement) : null;
  }, `the placeholder of #${id}`);

/**
 * The first visit's banner, once it is on screen: it covers the bottom of the page, so a click on a
 * placeholder must not race its arrival.
 */
const bannerUp = (win: GatedFrame) =>
  until(() => win.document.querySelector('samtycke-banner')?.shadowRoot?.querySelector('section'), 'the banner to be shown');

const button = (box: HTMLElement, name: string) => [...box.querySelectorAll('button')].find((candidate) => candidate.textContent === name)!;

describe('gates: click-to-load placeholders for embeds (R35)', () => {
  useFreshPage();

  it('names the service, its provider and what loading means, and requests nothing', async () => {
    const config = siteConfig();
    config.categories[3]!.label = { en: 'Videos', sv: 'Filmer' };
    const win = (await loadPage({ config, body: BODY })) as GatedFrame;
    const box = await placeholderOf(win, 'first');
    expect(box.getAttribute('role')).to.equal('group');
    expect(box.getAttribute('aria-label')).to.equal('Video');
    expect(box.textContent).to.contain('Video (Video Ltd) is not loaded');
    expect(box.textContent).to.contain('video.test');
    expect([...box.querySelectorAll('button')].map((element) => [element.type, element.textContent])).to.deep.equal([
      ['button', 'Load once'],
      ['button', 'Always allow Videos'],
    ]);
    // In the iframe's place, with its size; the iframe itself waits, hidden.
    expect(box.getBoundingClientRect().width).to.equal(400);
    expect(win.document.getElementById('first')!.hidden).to.equal(true);
    await laterRequestArrived(win);
    expect(await hitsOf('video.test', '/tracker/first.html')).to.equal(0);
  });

  it('"Load once" loads only that embed, proves the click for its service and stores nothing', async () => {
    const win = (await loadPage({ config: siteConfig(), body: BODY })) as GatedFrame;
    await validated(win);
    const box = await placeholderOf(win, 'first');
    await placeholderOf(win, 'second');
    await bannerUp(win);
    const decisions: Decision[] = [];
    win.samtycke.on('decision', (decision) => decisions.push(decision));
    const frame = win.document.getElementById('first') as HTMLIFrameElement;
    const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
    await clickWithMouse(button(box, 'Load once'));
    await loaded;
    expect(decisions).to.have.length(1);
    expect(decisions[0]!.action).to.equal('embed');
    expect(decisions[0]!.userActivation).to.equal(true);
    expect(decisions[0]!.context).to.deep.include({ layer: 'placeholder', control: 'load-once', services: { video: true } });
    expect(frame.hidden).to.equal(false);
    expect(box.isConnected).to.equal(false);
    expect(await hitsOf('video.test', '/tracker/first.html')).to.equal(1);
    await laterRequestArrived(win);
    expect(await hitsOf('video.test', '/tracker/second.html')).to.equal(0);
    expect(win.samtycke.state.decided).to.equal(false);
    expect(win.samtycke.has('media')).to.equal(false);
    expect(win.document.cookie).not.to.contain('samtycke=');
  });

  it('"Always allow" is a recorded decision for the category and loads every embed of it', async () => {
    const win = (await loadPage({ config: siteConfig(), body: BODY })) as GatedFrame;
    await validated(win);
    const box = await placeholderOf(win, 'second');
    await bannerUp(win);
    const decisions: Decision[] = [];
    win.samtycke.on('decision', (decision) => decisions.push(decision));
    const frames = ['first', 'second'].map((id) => win.document.getElementById(id) as HTMLIFrameElement);
    const loaded = Promise.all(frames.map((frame) => new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }))));
    // A category without a `label` goes by its built-in title, not its id.
    await clickWithMouse(button(box, 'Always allow External media'));
    await loaded;
    expect(decisions).to.have.length(1);
    expect(decisions[0]!.action).to.equal('embed');
    expect(decisions[0]!.context).to.deep.include({ layer: 'placeholder', control: 'always-allow', services: { video: true } });
    expect(decisions[0]!.choices).to.include({ media: true, analytics: false, marketing: false });
    expect(decisions[0]!.userActivation).to.equal(true);
    expect(win.samtycke.has('media')).to.equal(true);
    expect(win.document.querySelectorAll('[data-samtycke-placeholder]')).to.have.length(0);
    expect(await hitsOf('video.test', '/tracker/first.html')).to.equal(1);
    expect(await hitsOf('video.test', '/tracker/second.html')).to.equal(1);
  });

  it('takes its texts from the config in the page\'s language, and never mixes languages', async () => {
    const config = siteConfig({
      texts: { sv: { placeholder: '{service} från {provider} är inte laddad ({host}).', placeholderLoadOnce: 'Ladda en gång', placeholderAlwaysAllow: 'Tillåt alltid {category}' } },
    });
    config.categories[3]!.label = { en: 'Videos', sv: 'Filmer' };
    const swedish = (await loadPage({ config, before: `<script>document.documentElement.lang = 'sv-SE';</script>`, body: BODY })) as GatedFrame;
    const box = await placeholderOf(swedish, 'first');
    expect(box.querySelector('p')!.textContent).to.equal('Video från Video Ltd är inte laddad (video.test).');
    expect([...box.querySelectorAll('button')].map((element) => element.textContent)).to.deep.equal(['Ladda en gång', 'Tillåt alltid Filmer']);
    const english = (await loadPage({ config, body: BODY })) as GatedFrame;
    const fallback = await placeholderOf(english, 'first');
    expect([...fallback.querySelectorAll('button')].map((element) => element.textContent)).to.deep.equal(['Load once', 'Always allow Videos']);
  });

  it('speaks every shipped language without a site text: Portuguese placeholder, built-in category title, lang on the box', async () => {
    const win = (await loadPage({ config: siteConfig(), before: `<script>document.documentElement.lang = 'pt-PT';</script>`, body: BODY })) as GatedFrame;
    const box = await placeholderOf(win, 'first');
    expect(box.lang).to.equal('pt');
    expect(box.querySelector('p')!.textContent).to.equal(
      'O conteúdo de Video (Video Ltd) não está carregado. Ao carregá-lo, liga-se a video.test: Video Ltd recebe o seu endereço IP e pode guardar cookies ou ler informações do seu dispositivo.',
    );
    expect([...box.querySelectorAll('button')].map((element) => element.textContent)).to.deep.equal(['Carregar uma vez', 'Permitir sempre Conteúdos externos']);
    // Its texts came with a chunk of their own, and only that language's.
    const chunks = win.performance.getEntriesByType('resource').map((entry) => entry.name).filter((name) => /samtycke-gates-[a-z]{2}\.js/.test(name));
    expect(chunks.map((name) => /samtycke-gates-([a-z]{2})\.js/.exec(name)![1])).to.deep.equal(['pt']);
  });

  it('speaks the banner\'s language: the config\'s `language` wins over a missing `<html lang>`', async () => {
    const config = siteConfig({
      language: 'sv',
      texts: { sv: { placeholder: '{service} är inte laddad.', placeholderLoadOnce: 'Ladda en gång', placeholderAlwaysAllow: 'Tillåt alltid {category}' } },
    });
    config.categories[3]!.label = { en: 'Videos', sv: 'Filmer' };
    const win = (await loadPage({ config, before: `<script>document.documentElement.removeAttribute('lang');</script>`, body: BODY })) as GatedFrame;
    const box = await placeholderOf(win, 'first');
    expect([...box.querySelectorAll('button')].map((element) => element.textContent)).to.deep.equal(['Ladda en gång', 'Tillåt alltid Filmer']);
    // The banner, in the same page, chose Swedish too.
    const banner = await until(() => win.document.querySelector('samtycke-banner')?.shadowRoot?.querySelector('section'), 'the banner');
    expect(banner.textContent).to.contain('Avvisa alla');
  });
});
