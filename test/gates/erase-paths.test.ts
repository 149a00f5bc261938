import { expect } from '@esm-bundle/chai';
import { cdpCookies } from '../helpers/browser.js';
import { itInChromium } from '../helpers/engine.js';
import { runInsideClick } from '../helpers/click-with-mouse.js';
import { useFreshPage } from '../helpers/fresh-page.js';
import { until } from '../helpers/until.js';
import type { GatedFrame } from './helpers.js';

type Shop = GatedFrame & { __tagRan?: boolean };

const analyticsCookies = async () => (await cdpCookies()).filter((cookie) => cookie.name.startsWith('_ga')).map((cookie) => `${cookie.name} ${cookie.path}`).sort();

/** The shop's cart page, served at its own path in a sub-folder (not a srcdoc page: cookie paths need a real URL). */
async function openCart(frame: HTMLIFrameElement): Promise<Shop> {
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  frame.src = '/test/fixtures/shop/cart/index.html';
  await loaded;
  return frame.contentWindow as Shop;
}

describe('withdrawal erases a declared cookie wherever the page can see it (R28)', () => {
  let frame: HTMLIFrameElement;
  useFreshPage(() => {
    frame?.remove();
    localStorage.removeItem('_ga_retry');
    sessionStorage.removeItem('unloadWrites');
  });

  // Cookies under other paths than the test page's are visible only to Chromium's DevTools protocol here.
  itInChromium('under every path it could have been set with, and what the tag wrote on leaving or when a send failed', async () => {
    frame = document.createElement('iframe');
    document.body.append(frame);
    const win = await openCart(frame);
    await until(() => win.samtycke.config.revision, 'the config to be validated');
    expect(await runInsideClick(win, () => win.samtycke.acceptAll())).to.equal(true);
    await until(() => win.__tagRan, 'the analytics tag to run');
    expect(await analyticsCookies()).to.deep.equal(['_ga /', '_ga_cart /test/fixtures/shop/cart/', '_ga_shop /test/fixtures/shop']);

    // The tag ran, so withdrawing reloads the page; leaving it, the tag writes once more.
    const reloaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
    expect(win.samtycke.withdraw()).to.equal(true);
    await reloaded;
    const after = frame.contentWindow as Shop;
    expect(after.sessionStorage.getItem('unloadWrites'), 'the tag wrote on leaving').to.equal('1');
    expect(after.samtycke.state.decided).to.equal(true);
    expect(after.samtycke.has('analytics')).to.equal(false);
    // The refused service's leftovers are erased on the reloaded page, the unload writes included.
    await until(async () => (await analyticsCookies()).length === 0 && localStorage.getItem('_ga_retry') === null, 'every _ga cookie and key to be erased');
    expect(after.__tagRan).to.equal(undefined);
  });
});
