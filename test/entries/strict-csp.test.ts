import { expect } from '@esm-bundle/chai';
import { clickWithMouse } from '../helpers/click-with-mouse.js';
import { useFreshPage } from '../helpers/fresh-page.js';
import { loadPage, removePages } from '../helpers/page.js';
import { until } from '../helpers/until.js';
import { siteConfig } from '../fixtures/config.js';
import { gatedHits, laterRequestArrived, tracker, type GatedFrame } from '../gates/helpers.js';
import { shownBanner, shownPreferences } from '../ui/helpers.js';

type Page = GatedFrame & { __violations: string[]; __pagePolicy: { createHTML(html: string): string } };

const NONCE = 'c3RyaWN0LWNzcA';

/**
 * A strict CSP as the web's security guidance recommends it: scripts only by
 * nonce (and what they load), no plain string into a script sink, and only
 * the Trusted Types policies samtycke documents (its own and Lit's).
 */
const POLICY = [
  `script-src 'nonce-${NONCE}' 'strict-dynamic'`,
  "object-src 'none'",
  "base-uri 'none'",
  "require-trusted-types-for 'script'",
  // `page`: the site's own policy, for the markup its own code writes (a frame's srcdoc).
  'trusted-types samtycke lit-html page',
].join('; ');

/** Every violation the page reports, collected from before the head script runs. */
const BEFORE = `<meta http-equiv="Content-Security-Policy" content="${POLICY}">
<script nonce="${NONCE}">window.__violations = [];
document.addEventListener('securitypolicyviolation', (e) => __violations.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + e.sample));
window.__pagePolicy = trustedTypes.createPolicy('page', { createHTML: (html) => html });</script>`;

const HEAD = `<script type="text/plain" nonce="${NONCE}" data-category="analytics" data-src="${tracker('analytics.test', 'strict.js')}"></script>
<script type="text/plain" nonce="${NONCE}" data-category="analytics">(window.__trackerRuns = window.__trackerRuns || []).push('inline');</script>`;

const BODY = `<main><h1>Shop</h1>
<iframe id="video" data-category="media" data-src="${tracker('video.test', 'embed.html')}" width="320" height="180" title="Product video"></iframe></main>`;

async function strictPage(): Promise<Page> {
  return (await loadPage({ config: siteConfig(), nonce: NONCE, before: BEFORE, head: HEAD, body: BODY })) as Page;
}

/** The page's floating settings button, once rendered. */
const settingsButton = (win: Window) =>
  until(() => win.document.querySelector('samtycke-settings-button')?.shadowRoot?.querySelector('button'), 'the settings button');

describe('script tag under Trusted Types and a strict nonce-based CSP (R26, R35)', () => {
  useFreshPage(removePages);

  it('shows the banner, the preferences and the placeholder, activates what was granted, and violates nothing', async () => {
    const win = await strictPage();
    expect(win.trustedTypes, 'a browser with Trusted Types').to.not.equal(undefined);

    // axe-core cannot be injected into a page that enforces Trusted Types; the banner is axe-checked elsewhere.
    const { button } = await shownBanner(win.document);
    expect(button('accept-all').textContent!.trim()).to.equal('Accept all');
    expect(button('reject-all').textContent!.trim()).to.equal('Reject all');

    // The embed waits behind its placeholder, with working controls.
    const frame = win.document.getElementById('video') as HTMLIFrameElement;
    const placeholder = await until(() => frame.previousElementSibling?.querySelector('button') && frame.previousElementSibling, 'the placeholder');
    expect(placeholder.textContent).to.contain('Video Ltd');

    await clickWithMouse(button('customise'));
    const preferences = await shownPreferences(win.document);
    await clickWithMouse(preferences.button('accept-all'));

    // The consented scripts run, external and inline; the embed loads in place of its placeholder.
    await until(() => win.__trackerRuns?.length === 2, 'both gated scripts to run');
    expect(win.__trackerRuns).to.deep.equal(['analytics.test/tracker/strict.js', 'inline']);
    await until(() => frame.getAttribute('src')?.includes('video.test') && !frame.hidden, 'the embed to load');

    // The settings button is there for the way back.
    const settings = await settingsButton(win);
    expect(settings.getAttribute('aria-label')).to.equal('Cookie settings');
    expect(win.__violations).to.deep.equal([]);
  });

  it('holds everything back before a choice and after Reject all, still without a violation', async () => {
    const win = await strictPage();
    const { button } = await shownBanner(win.document);
    await clickWithMouse(button('reject-all'));
    await settingsButton(win);
    await laterRequestArrived(win);
    expect(await gatedHits()).to.deep.equal([]);
    expect(win.__trackerRuns ?? []).to.deep.equal([]);
    expect(win.__violations).to.deep.equal([]);
  });

  it('activates a returning visitor\'s scripts while the page loads and renders the settings button', async () => {
    const first = await strictPage();
    const { button } = await shownBanner(first.document);
    await clickWithMouse(button('accept-all'));
    await until(() => first.__trackerRuns?.length === 2, 'the first visit\'s scripts');
    removePages();

    const win = await strictPage();
    expect(win.samtycke.state.decided).to.equal(true);
    await until(() => win.__trackerRuns?.length === 2, 'both gated scripts to run');
    expect(win.__trackerRuns).to.deep.equal(['analytics.test/tracker/strict.js', 'inline']);
    await settingsButton(win);
    expect(win.document.querySelector('samtycke-banner')).to.equal(null);
    expect(win.__violations).to.deep.equal([]);
  });

  it('lends its policy to nothing else: other script URLs stay refused, and the name cannot be taken twice', async () => {
    const win = await strictPage();
    const { button } = await shownBanner(win.document);
    await clickWithMouse(button('accept-all'));
    await until(() => win.__trackerRuns?.length === 2, 'both gated scripts to run');
    const factory = win.trustedTypes as unknown as { createPolicy(name: string, rules: object): unknown };
    expect(() => factory.createPolicy('samtycke', { createScriptURL: (url: string) => url })).to.throw();
    const script = win.document.createElement('script');
    expect(() => {
      script.src = `http://free.test:${location.port}/tracker/smuggled.js`;
    }).to.throw();
    expect(script.getAttribute('src')).to.equal(null);
    // The page hears of both refusals, as its CSP reporting would.
    await until(() => win.__violations.some((violation) => violation.startsWith('require-trusted-types-for')), 'the sink violation');
    await until(() => win.__violations.some((violation) => violation.startsWith('trusted-types')), 'the duplicate policy violation');
  });
  it('checks a same-origin frame the page writes under Trusted Types, without a violation of its own', async () => {
    const win = await strictPage();
    await shownBanner(win.document);
    const frame = win.document.createElement('iframe');
    // The frame inherits the page's CSP: its own script carries the nonce, its markup comes through the page's policy.
    frame.srcdoc = win.__pagePolicy.createHTML(
      `<script nonce="${NONCE}">fetch(${JSON.stringify(tracker('analytics.test', 'frame.json'))}).then(() => { window.fetched = 'sent'; }, () => { window.fetched = 'stopped'; });</script>` +
        `<img alt="" src="${tracker('pixel.test', 'frame.gif')}"><p id="done">done</p>`,
    );
    win.document.body.append(frame);
    const inner = await until(() => {
      const doc = frame.contentDocument;
      return doc?.getElementById('done') && doc.readyState === 'complete' ? (frame.contentWindow as Window & { fetched?: string }) : null;
    }, 'the frame document');
    await until(() => inner.fetched, 'the frame\'s fetch to settle');
    expect(inner.fetched).to.equal('stopped');
    await laterRequestArrived(inner);
    expect(await gatedHits()).to.deep.equal([]);
    expect(win.__violations).to.deep.equal([]);
  });
});
