import { expect } from '@esm-bundle/chai';
import { textDirection } from '../../src/config/locale.js';
import { layerDirection } from '../../src/ui/layer-direction.js';
import { axeViolations } from '../helpers/axe.js';
import { clearDocumentCookies } from '../helpers/browser.js';
import { arabic } from '../fixtures/own-languages.js';
import { cleanUp, newConsent, shownBanner, shownPreferences } from './helpers.js';
import { clickWithMouse } from '../helpers/click-with-mouse.js';

describe('right-to-left languages and pages', () => {
  beforeEach(() => clearDocumentCookies());
  afterEach(() => {
    cleanUp();
    clearDocumentCookies();
    document.documentElement.removeAttribute('dir');
    document.documentElement.lang = '';
  });

  it('knows the direction of a language from its script', () => {
    for (const tag of ['ar', 'ar-EG', 'he', 'fa', 'ur', 'ku-Arab', 'sv-Arab']) expect(textDirection(tag), tag).to.equal('rtl');
    for (const tag of ['en', 'sv', 'el', 'bg', 'tr', 'az-Latn', 'de-CH', 'nb_NO', 'sr-Cyrl']) expect(textDirection(tag), tag).to.equal('ltr');
  });

  it('mirrors the banner on an Arabic page: right-aligned text, Reject all on the right, the page stays usable', async () => {
    document.documentElement.lang = 'ar';
    document.documentElement.dir = 'rtl';
    newConsent({ texts: { ar: arabic } });
    const { banner, region, button } = await shownBanner();
    expect(region.getAttribute('lang')).to.equal('ar');
    expect(region.getAttribute('dir')).to.equal('rtl');
    expect(getComputedStyle(region).direction).to.equal('rtl');
    expect(region.querySelector('h2')!.textContent).to.equal(arabic.title);
    const [reject, accept] = [button('reject-all'), button('accept-all')];
    expect(reject.textContent).to.equal('رفض الكل');
    // Reading order is unchanged (reject first), so right to left it sits on the right.
    expect(reject.getBoundingClientRect().left).to.be.greaterThan(accept.getBoundingClientRect().right - 1);
    expect(Math.abs(reject.getBoundingClientRect().width - accept.getBoundingClientRect().width)).to.be.at.most(1);
    // The list of purposes hangs from the right edge.
    const list = region.querySelector('ul')!.getBoundingClientRect();
    const item = region.querySelector('li')!.getBoundingClientRect();
    expect(list.right - item.right, 'bullets on the right').to.be.greaterThan(8);
    expect(Math.abs(list.left - item.left), 'no indent on the left').to.be.below(1);
    // Six plural forms: three third parties take the Arabic "few" form.
    expect(region.textContent).to.contain('مع 3 جهات خارجية');
    expect(await axeViolations(banner)).to.deep.equal([]);
  });

  it('mirrors the preferences: the switch knob starts on the right and moves left when switched on', async () => {
    document.documentElement.dir = 'rtl';
    newConsent({ language: 'ar', texts: { ar: arabic } });
    const banner = await shownBanner();
    await clickWithMouse(banner.button('customise'));
    const { preferences, dialog, switchFor } = await shownPreferences();
    expect(dialog.getAttribute('dir')).to.equal('rtl');
    const toggle = switchFor('analytics');
    const knob = (element: HTMLElement) => {
      const box = element.getBoundingClientRect();
      const left = parseFloat(getComputedStyle(element, '::before').left);
      const transform = new DOMMatrixReadOnly(getComputedStyle(element, '::before').transform);
      return { box, start: left + transform.m41 };
    };
    const off = knob(toggle);
    expect(off.start, 'off: knob on the right half').to.be.greaterThan(off.box.width / 2 - 2);
    await clickWithMouse(toggle);
    expect(toggle.getAttribute('aria-checked')).to.equal('true');
    await Promise.all(toggle.getAnimations({ subtree: true }).map((animation) => animation.finished));
    const on = knob(toggle);
    expect(on.start, 'on: knob moved left').to.be.below(off.start - 10);
    expect(await axeViolations(preferences)).to.deep.equal([]);
  });

  it('keeps a layer in another language left to right on a right-to-left page, and the reverse', async () => {
    document.documentElement.lang = 'ar';
    document.documentElement.dir = 'rtl';
    expect(layerDirection('en')).to.equal('ltr');
    expect(layerDirection('ar')).to.equal('rtl');
    document.documentElement.lang = 'ku';
    // A page in a language Intl writes left to right, laid out right to left by the site: the layers follow the page.
    expect(layerDirection('ku')).to.equal('rtl');
    document.documentElement.removeAttribute('dir');
    expect(layerDirection('ku')).to.equal('ltr');
    expect(layerDirection('ar')).to.equal('rtl');

    newConsent({ language: 'ar', texts: { ar: arabic } });
    const { region } = await shownBanner();
    expect(getComputedStyle(region).direction, 'Arabic on a left-to-right page').to.equal('rtl');
  });
});
