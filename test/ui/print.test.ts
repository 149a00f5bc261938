import { expect } from '@esm-bundle/chai';
import { emulateMedia as emulate } from '@web/test-runner-commands';
import { itInChromium } from '../helpers/engine.js';
import { runInsideClick } from '../helpers/click-with-mouse.js';
import { useFreshPage } from '../helpers/fresh-page.js';
import { loadPage, type Frame } from '../helpers/page.js';
import { until } from '../helpers/until.js';
import { siteConfig } from '../fixtures/config.js';
import { tracker } from '../gates/helpers.js';
import type { Consent } from '../../src/entries/index.js';

type Page = Frame & { samtycke: Consent };

const BODY = `<main><h1>Receipt</h1><p>Order 1234</p></main>
<iframe id="video" data-category="media" data-src="${tracker('video.test', 'print.html')}" width="400" height="225" title="Video"></iframe>
<a href="#settings" data-samtycke="open">Cookie settings</a>`;

/** Whether an element takes up room on the rendered page. */
const rendered = (element: Element) => element.getClientRects().length > 0;

/** The page as printed (`print`) or back on screen (`''`). */
const emulateMedia = (media: 'print' | '') => emulate({ media: media || 'screen' });

describe('print: nothing of samtycke on paper', () => {
  useFreshPage(() => emulateMedia(''));

  // Print media is emulated through Chromium's DevTools protocol only; the rule itself is one
  // `@media print` stylesheet rule per element, the same in every engine.
  itInChromium('hides the banner, the open preferences, the settings button and the placeholders, and keeps the page', async () => {
    const first = (await loadPage({ config: siteConfig(), body: BODY })) as Page;
    const placeholder = await until(() => first.document.querySelector('[data-samtycke-placeholder]'), 'the placeholder');
    const banner = await until(() => first.document.querySelector('samtycke-banner')?.shadowRoot?.querySelector('section'), 'the banner');
    // Positive control: on screen, all of it is there.
    expect([rendered(banner), rendered(placeholder)]).to.deep.equal([true, true]);
    await emulateMedia('print');
    expect([rendered(banner), rendered(placeholder), rendered(first.document.querySelector('main')!)]).to.deep.equal([false, false, true]);
    await emulateMedia('');

    expect(await runInsideClick(first, () => first.samtycke.rejectAll())).to.equal(true);
    const button = await until(() => first.document.querySelector('samtycke-settings-button'), 'the settings button');
    first.samtycke.showPreferences();
    const dialog = await until(() => {
      const found = first.document.querySelector('samtycke-preferences')?.shadowRoot?.querySelector('dialog');
      return found?.open ? found : null;
    }, 'the preferences');
    expect([rendered(button), rendered(dialog)]).to.deep.equal([true, true]);
    await emulateMedia('print');
    expect([rendered(button), rendered(dialog), rendered(first.document.querySelector('main')!)]).to.deep.equal([false, false, true]);
  });
});
