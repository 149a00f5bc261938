import { expect } from '@esm-bundle/chai';
import { useFreshPage } from '../helpers/fresh-page.js';
import { loadPage, type Frame } from '../helpers/page.js';
import { runInsideClick } from '../helpers/click-with-mouse.js';
import { until } from '../helpers/until.js';
import type { Consent } from '../../src/entries/index.js';

type Page = Frame & { samtycke: Consent; __errors: string[] };

/** The `html` code blocks of a README section, in order. */
async function snippets(section: string): Promise<string[]> {
  const readme = await (await fetch('/README.md')).text();
  const start = readme.indexOf(`\n## ${section}\n`);
  expect(start, `README section "${section}"`).to.be.greaterThan(-1);
  const end = readme.indexOf('\n## ', start + 1);
  return [...readme.slice(start, end < 0 ? undefined : end).matchAll(/```html\n([\s\S]*?)```/g)].map((match) => match[1]!);
}

const ERRORS = `<script>window.__errors = []; const error = console.error; console.error = (...args) => { window.__errors.push(args.map(String).join(' ')); error.apply(console, args); };</script>`;

/** The README's one-script-tag page, as written (the head script served from the build). */
async function readmePage(edit: (config: string) => string = (config) => config): Promise<Page> {
  const [head, body] = await snippets('One script tag');
  const config = /<script type="application\/json" id="samtycke-config">([\s\S]*?)<\/script>/.exec(head!)![1]!;
  expect(head).to.contain('<script src="/dist/samtycke.js"></script>');
  return (await loadPage({ config: edit(config), before: ERRORS, body: body! })) as Page;
}

describe('the README runs as written (one script tag)', () => {
  useFreshPage();

  it('gates every marked tracker, draws the placeholder and the banner, and grants on Accept all', async () => {
    const win = await readmePage();
    await until(() => win.samtycke.config.revision, 'the config to be validated');
    const frame = win.document.querySelector('iframe')!;
    const box = await until(() => frame.previousElementSibling?.closest('[data-samtycke-placeholder]'), 'the placeholder');
    expect(box.textContent).to.contain('YouTube (Google Ireland Ltd) is not loaded');
    expect([...box.querySelectorAll('button')].map((button) => button.textContent)).to.deep.equal(['Load once', 'Always allow External media']);
    await until(() => win.document.querySelector('samtycke-banner')?.shadowRoot?.querySelector('section'), 'the banner');
    expect(win.document.querySelector('script[type="text/plain"]')!.getAttribute('src')).to.equal(null);
    expect(win.document.querySelector('img')!.getAttribute('src')).to.equal(null);
    expect(win.__errors).to.deep.equal([]);

    expect(await runInsideClick(win, () => win.samtycke.acceptAll())).to.equal(true);
    // The tags get their URLs (the hosts are on the internet, which these tests never reach).
    await until(() => win.document.querySelector('img')!.getAttribute('src'), 'the pixel to be activated');
    await until(() => win.document.querySelector('script[src^="https://www.googletagmanager.com/"]'), 'the tag to be activated');
    expect(frame.getAttribute('src')).to.equal('https://www.youtube-nocookie.com/embed/ID');
  });

  it('names markup whose category the config lacks, in every build, and offers no button that could not work', async () => {
    const win = await readmePage((text) => {
      const config = JSON.parse(text) as { categories: { id: string }[] };
      return JSON.stringify({ ...config, categories: config.categories.filter((category) => category.id !== 'media') });
    });
    await until(() => win.samtycke.config.revision, 'the config to be validated');
    expect(win.samtycke.config.categories.map((category) => category.id)).to.deep.equal(['analytics', 'marketing']);
    const frame = win.document.querySelector('iframe')!;
    const box = await until(() => frame.previousElementSibling?.closest('[data-samtycke-placeholder]'), 'the placeholder');
    expect(box.textContent).to.contain('Content from www.youtube-nocookie.com cannot be shown');
    expect(box.querySelectorAll('button')).to.have.length(0);
    expect(win.__errors.some((error) => error.includes('<iframe data-category="media"> names no category or service of the config'))).to.equal(true);
    expect(frame.getAttribute('src')).to.equal(null);
  });
});
