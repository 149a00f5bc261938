import { expect } from '@esm-bundle/chai';
import { createConsent, startGates } from '../../src/entries/index.js';
import { runInsideClick } from '../helpers/click-with-mouse.js';
import { until } from '../helpers/until.js';
import { freshPage } from '../helpers/fresh-page.js';
import { siteConfig } from '../fixtures/config.js';
import { hitsOf, laterRequestArrived, tracker } from './helpers.js';

// The npm entry gates the page it runs in: this file's own test page, so it has a file to itself.
describe('gates: the npm entry (startGates)', () => {
  before(freshPage);
  after(freshPage);

  it('gates markup and calls from code with a validated config, and draws placeholders', async () => {
    const consent = createConsent(siteConfig({ reloadOnRevoke: false }), { autoShow: false });
    const gates = startGates(consent);
    expect(await fetch(tracker('pixel.test', 'npm.json')).then(() => 'sent', () => 'blocked')).to.equal('blocked');
    expect(consent.blocked().map((attempt) => [attempt.kind, attempt.service])).to.deep.equal([['fetch', 'meta-pixel']]);
    expect(gates.blocked()).to.deep.equal(consent.blocked());

    document.body.insertAdjacentHTML('beforeend', `<iframe id="npm-embed" data-category="media" data-src="${tracker('video.test', 'npm.html')}" title="Video"></iframe>`);
    const frame = document.getElementById('npm-embed') as HTMLIFrameElement;
    await until(() => frame.hidden, 'the placeholder');
    expect(frame.previousElementSibling!.textContent).to.contain('Video (Video Ltd) is not loaded');
    await laterRequestArrived(window);
    expect(await hitsOf('video.test', '/tracker/npm.html')).to.equal(0);
    expect(await hitsOf('pixel.test', '/tracker/npm.json')).to.equal(0);

    const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
    expect(await runInsideClick(window, () => consent.set({ media: true }))).to.equal(true);
    await loaded;
    expect(frame.hidden).to.equal(false);
    expect(document.querySelector('[data-samtycke-placeholder]')).to.equal(null);
    expect(await hitsOf('video.test', '/tracker/npm.html')).to.equal(1);
    frame.remove();
  });
});
