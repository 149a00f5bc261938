import { expect } from '@esm-bundle/chai';
import { trackerHits } from '../helpers/browser.js';
import { runInsideClick } from '../helpers/click-with-mouse.js';
import { useFreshPage } from '../helpers/fresh-page.js';
import { loadPage, type Frame } from '../helpers/page.js';
import { until } from '../helpers/until.js';
import { siteConfig } from '../fixtures/config.js';
import { laterRequestArrived } from '../gates/helpers.js';
import type { Consent } from '../../src/entries/index.js';

type App = Frame & { __app?: { track(event: string): Promise<string[]>; consent: Consent }; __pageView?: Promise<string[]>; __warnings?: string[] };

/** The app's module script, after the head script, as a built SPA's index.html has it. */
const APP = (file: string) => `<script type="module" src="/test/fixtures/spa/${file}"></script>`;

const spaHits = async () => (await trackerHits('analytics.test')).filter((hit) => hit.path.startsWith('/tracker/spa-')).map((hit) => hit.path.replace('/tracker/', ''));

describe('npm: an app whose tracker captured the request APIs at import (R01, R02, R28)', () => {
  useFreshPage();

  it('sends nothing before consent, everything after, and nothing after withdrawal', async () => {
    const win = (await loadPage({ config: siteConfig({ reloadOnRevoke: false }), body: APP('app.ts') })) as App;
    const app = await until(() => win.__app, 'the app to start');
    // The page view the tracker sent while its module was evaluated, and one more on purpose.
    expect(await win.__pageView).to.deep.equal([]);
    expect(await app.track('before')).to.deep.equal([]);
    expect(app.consent).to.equal(win.samtycke);
    await laterRequestArrived(win);
    expect(await spaHits()).to.deep.equal([]);
    expect(app.consent.blocked().map((attempt) => attempt.kind).sort()).to.include.members(['beacon', 'fetch', 'image', 'websocket', 'xhr']);

    await until(() => app.consent.config.revision, 'the config to be validated');
    expect(await runInsideClick(win, () => app.consent.set({ analytics: true }))).to.equal(true);
    expect((await app.track('granted')).sort()).to.deep.equal(['beacon', 'fetch', 'image', 'xhr']);
    await until(async () => (await spaHits()).filter((path) => path.includes('granted')).length >= 4, 'the granted events to arrive');

    expect(app.consent.withdraw()).to.equal(true);
    expect(await app.track('withdrawn')).to.deep.equal([]);
    await laterRequestArrived(win);
    expect((await spaHits()).filter((path) => path.includes('withdrawn') || path.includes('before') || path.includes('pageview'))).to.deep.equal([]);
  });

  it('warns with a code when the gates start after a tracker already reached its host', async () => {
    const win = (await loadPage({ config: siteConfig(), script: '/test/fixtures/spa/no-head.js', body: APP('late-gates-app.ts') })) as App;
    await until(() => win.__app, 'the app to start');
    expect(await spaHits()).to.not.deep.equal([]);
    expect(win.__warnings!.some((warning) => /analytics\.test was contacted before the gates started.*warning "late-gates"/.test(warning))).to.equal(true);
  });
});
