import { expect } from '@esm-bundle/chai';
import { emulateMedia, sendKeys, setViewport } from '@web/test-runner-commands';
import { clearDocumentCookies } from '../helpers/browser.js';
import { axeViolations } from '../helpers/axe.js';
import { clickWithMouse } from '../helpers/click-with-mouse.js';
import { until } from '../helpers/until.js';
import { useFreshPage } from '../helpers/fresh-page.js';
import { cleanUp, contrast, sha256, shiftTab, shownBanner, newConsent } from './helpers.js';

describe('<samtycke-banner>', () => {
  useFreshPage(async () => {
    cleanUp();
    await emulateMedia({ colorScheme: 'light' });
    await setViewport({ width: 800, height: 600 });
  });

  it('is a labelled, non-modal region that says what, why, who and how to withdraw before the buttons (R16, R18)', async () => {
    newConsent();
    const { banner, region, button } = await shownBanner();
    expect(region.getAttribute('aria-labelledby')).to.equal('title');
    expect(region.querySelector('#title')!.textContent).to.equal('Cookies and your privacy');
    expect(region.getAttribute('role')).to.equal(null); // a <section> with a name: a region landmark, not a modal
    expect(region.getAttribute('lang')).to.equal('en');
    const text = banner.shownText;
    // The archived text keeps the banner's blocks apart: it reads as the banner did.
    const lines = text.split('\n');
    expect(lines[0]).to.equal('Cookies and your privacy');
    expect(lines[1]).to.match(/^Exempel AB would like to use cookies .* without your consent\.$/);
    expect(lines.slice(2, 6).map((line) => line.split(':')[0])).to.deep.equal(['Strictly necessary', 'Analytics', 'Marketing', 'External media']);
    expect(lines.slice(-3)).to.deep.equal(['Reject all', 'Accept all', 'Customise']);
    for (const title of ['Strictly necessary', 'Analytics', 'Marketing', 'External media']) expect(text).to.contain(title);
    expect(text).to.contain('Exempel AB would like to use cookies');
    expect(text).to.contain('shared with 3 third parties');
    expect(text).to.match(/withdraw your consent at any time under “Cookie settings”/);
    const policy = region.querySelector('a')!;
    expect(policy.getAttribute('href')).to.equal('/privacy');
    // Reading order: every sentence comes before the buttons.
    const reject = button('reject-all');
    for (const paragraph of region.querySelectorAll('p, ul')) {
      expect(paragraph.compareDocumentPosition(reject) & Node.DOCUMENT_POSITION_FOLLOWING).to.not.equal(0);
    }
    // Exactly one accept and one reject control (R07), and no close control.
    const names = [...region.querySelectorAll('button')].map((el) => el.textContent!.trim());
    expect(names.filter((name) => /accept/i.test(name))).to.deep.equal(['Accept all']);
    expect(names.filter((name) => /reject/i.test(name))).to.deep.equal(['Reject all']);
    expect(names.some((name) => /close|×|continue/i.test(name))).to.equal(false);
  });

  it('is no cookie wall: no backdrop, no scroll lock, the page stays clickable (R11)', async () => {
    newConsent();
    const { region } = await shownBanner();
    expect(getComputedStyle(region).position).to.equal('fixed');
    expect(getComputedStyle(document.body).overflow).to.equal('visible');
    expect(getComputedStyle(document.documentElement).overflow).to.equal('visible');
    const top = document.elementFromPoint(10, 10);
    expect(top?.closest('samtycke-banner')).to.equal(null);
    expect(document.querySelector('samtycke-banner')!.shadowRoot!.querySelector('dialog')).to.equal(null);
  });

  it('gives Reject all and Accept all equal weight, measured (R06)', async () => {
    for (const scheme of ['light', 'dark'] as const) {
      await emulateMedia({ colorScheme: scheme });
      newConsent();
      const { region, button } = await shownBanner();
      const [reject, accept] = [button('reject-all'), button('accept-all')];
      expect(reject.tagName).to.equal('BUTTON');
      expect(accept.tagName).to.equal('BUTTON');
      expect(reject.getAttribute('part')).to.equal('choice');
      expect(accept.getAttribute('part')).to.equal('choice');
      const [a, b] = [reject.getBoundingClientRect(), accept.getBoundingClientRect()];
      expect(Math.abs(a.width - b.width), 'width').to.be.at.most(1);
      expect(Math.abs(a.height - b.height), 'height').to.be.at.most(1);
      expect(Math.abs(a.top - b.top), 'same row').to.be.at.most(1);
      const [ra, rb] = [getComputedStyle(reject), getComputedStyle(accept)];
      for (const property of ['font-family', 'font-size', 'font-weight', 'font-style', 'color', 'background-color', 'background-image', 'padding', 'border', 'border-radius', 'opacity', 'text-decoration', 'box-shadow', 'filter']) {
        expect(ra.getPropertyValue(property), property).to.equal(rb.getPropertyValue(property));
      }
      expect(contrast(ra.color, ra.backgroundColor), `${scheme} choice contrast`).to.be.at.least(4.5);
      const layer = getComputedStyle(region);
      expect(contrast(layer.color, layer.backgroundColor), `${scheme} text contrast`).to.be.at.least(4.5);
      const link = getComputedStyle(region.querySelector('a')!);
      expect(contrast(link.color, layer.backgroundColor), `${scheme} link contrast`).to.be.at.least(4.5);
      const customise = getComputedStyle(button('customise'));
      expect(contrast(customise.color, customise.backgroundColor), `${scheme} customise contrast`).to.be.at.least(4.5);
      expect(contrast(customise.borderTopColor, layer.backgroundColor), `${scheme} customise boundary`).to.be.at.least(3);
      cleanUp();
    }
  });

  it('has no axe violations, light and dark (R44)', async () => {
    for (const scheme of ['light', 'dark'] as const) {
      await emulateMedia({ colorScheme: scheme });
      newConsent();
      const { banner } = await shownBanner();
      expect(await axeViolations(banner), scheme).to.deep.equal([]);
      cleanUp();
    }
  });

  it('decides with one click on Accept all, passing the exact text shown and its SHA-256 (R05, R30)', async () => {
    const { consent, decisions } = newConsent();
    const { banner, button } = await shownBanner();
    const shown = banner.shownText;
    await clickWithMouse(button('accept-all'));
    expect(consent.state.decided).to.equal(true);
    expect(consent.has('analytics') && consent.has('marketing') && consent.has('media')).to.equal(true);
    expect(decisions).to.have.length(1);
    const context = decisions[0]!.context;
    expect(context).to.include({ layer: 'banner', control: 'accept-all', locale: 'en' });
    expect(context.text).to.equal(shown);
    expect(context.textHash).to.equal(await sha256(shown));
    // The text is what is on screen: the labels of the buttons and every category are in it.
    for (const label of ['Reject all', 'Accept all', 'Customise', 'Analytics', 'Privacy policy']) expect(context.text).to.contain(label);
    await until(() => !banner.shadowRoot!.querySelector('section'), 'the banner to close');
  });

  it('decides with one click on Reject all and stores a refusal', async () => {
    const { consent, decisions } = newConsent();
    const { banner, button } = await shownBanner();
    await clickWithMouse(button('reject-all'));
    expect(consent.state.decided).to.equal(true);
    expect(consent.has('analytics') || consent.has('marketing') || consent.has('media')).to.equal(false);
    expect(decisions[0]!.action).to.equal('reject');
    expect(decisions[0]!.context.textHash).to.equal(await sha256(banner.shownText));
    await until(() => !banner.shadowRoot!.querySelector('section'), 'the banner to close');
  });

  it('records Reject all after an earlier grant as a withdrawal', async () => {
    const { consent, decisions } = newConsent();
    const first = await shownBanner();
    await clickWithMouse(first.button('accept-all'));
    await until(() => !first.banner.shadowRoot!.querySelector('section'), 'the banner to close');
    consent.showBanner();
    const again = await shownBanner();
    await clickWithMouse(again.button('reject-all'));
    expect(decisions.map((decision) => decision.action)).to.deep.equal(['accept', 'withdraw']);
    expect(consent.has('analytics')).to.equal(false);
  });

  it('treats Escape as a refusal, never as consent (R12)', async () => {
    const { consent, decisions } = newConsent();
    const { banner, button } = await shownBanner();
    button('customise').focus();
    await sendKeys({ press: 'Escape' });
    expect(decisions.map((decision) => decision.action)).to.deep.equal(['dismiss']);
    expect(decisions[0]!.context.control).to.equal('escape');
    expect(consent.state.decided).to.equal(true);
    expect(consent.has('analytics') || consent.has('marketing')).to.equal(false);
    await until(() => !banner.shadowRoot!.querySelector('section'), 'the banner to close');
  });

  it('is keyboard operable from the page start: Tab order, Enter and Space (R45)', async () => {
    const page = document.createElement('a');
    page.href = '#top';
    page.textContent = 'page link';
    document.body.append(page);
    try {
      const { consent } = newConsent();
      const { banner } = await shownBanner();
      // As on a fresh page load: nothing focused, Tab starts at the top (an earlier test may have left the starting point elsewhere).
      document.body.tabIndex = -1;
      document.body.focus();
      document.body.removeAttribute('tabindex');
      const order: string[] = [];
      for (let i = 0; i < 5; i++) {
        await sendKeys({ press: 'Tab' });
        const active = banner.shadowRoot!.activeElement;
        order.push(active?.getAttribute('data-control') ?? active?.textContent?.trim() ?? document.activeElement?.textContent ?? '?');
      }
      // The banner comes first in the body; the two choices are adjacent, reject first.
      expect(order).to.deep.equal(['recipients', 'Privacy policy', 'reject-all', 'accept-all', 'customise']);
      await shiftTab();
      await shiftTab();
      expect(banner.shadowRoot!.activeElement!.getAttribute('data-control')).to.equal('reject-all');
      await sendKeys({ press: 'Enter' });
      expect(consent.state.decided).to.equal(true);
      expect(consent.has('analytics')).to.equal(false);
      cleanUp();
      clearDocumentCookies();

      const second = newConsent();
      const shown = await shownBanner();
      shown.button('accept-all').focus();
      await sendKeys({ press: 'Space' });
      expect(second.consent.has('analytics')).to.equal(true);
      expect(second.decisions[0]!.context.control).to.equal('accept-all');
    } finally {
      page.remove();
    }
  });

  it('stays usable at 320 CSS px and 200% text: both choices reachable, the text scrolls inside (R47)', async () => {
    await setViewport({ width: 320, height: 640 });
    document.documentElement.style.fontSize = '200%';
    try {
      newConsent();
      const { region, button } = await shownBanner();
      for (const control of ['reject-all', 'accept-all']) {
        const rect = button(control).getBoundingClientRect();
        expect(rect.top, control).to.be.at.least(0);
        expect(rect.bottom, control).to.be.at.most(innerHeight + 0.5);
        expect(rect.left, control).to.be.at.least(0);
        expect(rect.right, control).to.be.at.most(innerWidth + 0.5);
      }
      expect(region.getBoundingClientRect().top, 'some page stays visible').to.be.greaterThan(0);
      const text = region.querySelector<HTMLElement>('.text')!;
      expect(getComputedStyle(text).overflowY).to.equal('auto');
      expect(document.documentElement.scrollWidth).to.be.at.most(innerWidth);
    } finally {
      document.documentElement.style.fontSize = '';
    }
  });

  it('renders hostile config strings as text and drops script URLs', async () => {
    const hostile = '<img src=x onerror="window.__pwned=1">';
    newConsent({
      policyUrl: 'javascript:window.__pwned=1',
      controller: hostile,
      categories: [
        { id: 'necessary', necessary: true, justification: 'Sessions.' },
        { id: 'analytics', label: hostile, services: [{ id: 'x', name: hostile, provider: hostile, policyUrl: 'javascript:window.__pwned=1' }] },
      ],
    });
    const { region } = await shownBanner();
    expect(region.querySelector('img')).to.equal(null);
    expect(region.textContent).to.contain(hostile);
    expect(region.querySelector('a')).to.equal(null);
    expect((window as { __pwned?: number }).__pwned).to.equal(undefined);
  });

  it('shows the same banner once however often it is asked for', async () => {
    const { consent } = newConsent();
    const { banner } = await shownBanner();
    consent.showBanner();
    consent.showBanner();
    // Whatever the two requests set off has rendered.
    await banner.updateComplete;
    expect(document.querySelectorAll('samtycke-banner')).to.have.length(1);
    expect(document.querySelector('samtycke-banner')!.shadowRoot!.querySelectorAll('section')).to.have.length(1);
  });
});
