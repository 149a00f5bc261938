import { expect } from '@esm-bundle/chai';
import { emulateMedia, sendKeys, setViewport } from '@web/test-runner-commands';
import { axeViolations } from '../helpers/axe.js';
import { clickWithMouse } from '../helpers/click-with-mouse.js';
import { until } from '../helpers/until.js';
import { useFreshPage } from '../helpers/fresh-page.js';
import { cleanUp, contrast, sha256, shiftTab, shownBanner, shownPreferences, newConsent } from './helpers.js';

const deepActive = (): Element | null => {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
};

async function openFromBanner() {
  const started = newConsent({
    categories: [
      { id: 'necessary', necessary: true, justification: 'Keeps the consent choice.' },
      {
        id: 'analytics',
        services: [
          {
            id: 'ga4',
            name: 'Google Analytics',
            provider: 'Google Ireland Ltd',
            purpose: 'Visitor statistics',
            hosts: ['analytics.test'],
            cookies: [{ name: '_ga', lifetime: '2 years', thirdParty: false }],
            retention: '14 months',
            policyUrl: 'https://policies.example/privacy',
            country: 'Ireland',
            transfer: 'USA (EU–US Data Privacy Framework)',
            dataSent: 'Pseudonymous ID, pages viewed',
          },
        ],
      },
      { id: 'marketing', services: [{ id: 'meta-pixel', name: 'Meta Pixel', provider: 'Meta Platforms Ireland Ltd', hosts: ['pixel.test'], cookies: ['_fbp'] }] },
    ],
  });
  const banner = await shownBanner();
  await clickWithMouse(banner.button('customise'));
  return { ...started, banner, ...(await shownPreferences()) };
}

describe('<samtycke-preferences>', () => {
  useFreshPage(async () => {
    cleanUp();
    await emulateMedia({ colorScheme: 'light' });
    await setViewport({ width: 800, height: 600 });
  });

  it('is a labelled modal dialog; focus moves in; no switch is pre-ticked; necessary is on and disabled (R09, R46)', async () => {
    const { dialog, switchFor, preferences } = await openFromBanner();
    expect(dialog.matches(':modal')).to.equal(true);
    expect(dialog.getAttribute('aria-labelledby')).to.equal('title');
    expect(dialog.querySelector('#title')!.textContent).to.equal('Cookie settings');
    expect(preferences.shadowRoot!.activeElement).to.not.equal(null);
    expect(dialog.contains(preferences.shadowRoot!.activeElement)).to.equal(true);
    for (const id of ['analytics', 'marketing']) {
      expect(switchFor(id).getAttribute('aria-checked'), id).to.equal('false');
      expect(switchFor(id).disabled, id).to.equal(false);
    }
    expect(switchFor('necessary').getAttribute('aria-checked')).to.equal('true');
    expect(switchFor('necessary').disabled).to.equal(true);
    // Each switch is named by its category and described by its purpose.
    const analytics = switchFor('analytics');
    expect(dialog.querySelector(`#${analytics.getAttribute('aria-labelledby')}`)!.textContent).to.equal('Analytics');
    expect(dialog.querySelector(`#${analytics.getAttribute('aria-describedby')}`)!.textContent).to.contain('Measures how the site is used');
  });

  it('lists every service with all its details (R17)', async () => {
    const { dialog } = await openFromBanner();
    const details = dialog.querySelector('details')!;
    await clickWithMouse(details.querySelector('summary')!);
    expect(details.open).to.equal(true);
    const text = details.textContent!.replace(/\s+/g, ' ');
    for (const expected of ['Google Analytics', 'Provider', 'Google Ireland Ltd', 'Purpose', 'Visitor statistics', 'Hosts', 'analytics.test',
      'Cookies and lifetimes', '_ga (2 years)', 'Third-party access', 'No', 'Data retention', '14 months', 'Country', 'Ireland',
      'Transfer outside the EEA', 'USA (EU–US Data Privacy Framework)', 'Data sent', 'Pseudonymous ID, pages viewed', 'Provider’s privacy policy']) {
      expect(text).to.contain(expected);
    }
    expect(details.querySelector('a')!.getAttribute('href')).to.equal('https://policies.example/privacy');
    // An undeclared field says so instead of staying blank.
    const marketing = [...dialog.querySelectorAll('details')][1]!;
    expect(marketing.textContent).to.contain('_fbp (Not stated)');
  });

  it('stores a refusal when saved with nothing switched on (R09)', async () => {
    const { consent, decisions, button } = await openFromBanner();
    await clickWithMouse(button('save'));
    expect(consent.state.decided).to.equal(true);
    expect(consent.state.choices).to.deep.equal({ necessary: true, analytics: false, marketing: false });
    expect(decisions[0]!.action).to.equal('custom');
    expect(decisions[0]!.context).to.include({ layer: 'preferences', control: 'save' });
  });

  it('grants exactly the categories switched on, with the text shown and its hash (R10, R30)', async () => {
    const { consent, decisions, button, switchFor, preferences, dialog } = await openFromBanner();
    switchFor('analytics').focus();
    await sendKeys({ press: 'Space' });
    expect(switchFor('analytics').getAttribute('aria-checked')).to.equal('true');
    await clickWithMouse(button('save'));
    expect(consent.state.choices).to.deep.equal({ necessary: true, analytics: true, marketing: false });
    const context = decisions[0]!.context;
    expect(context.text).to.equal(preferences.shownText);
    expect(context.textHash).to.equal(await sha256(context.text!));
    for (const label of ['Cookie settings', 'Analytics', 'Marketing', 'Google Analytics', 'Save choices']) expect(context.text).to.contain(label);
    await until(() => !dialog.open, 'the dialog to close');
    // The Customise button left with the banner: focus goes to the way back to the settings.
    const settings = await until(() => document.querySelector('samtycke-settings-button')?.shadowRoot?.querySelector('button'), 'the settings button');
    expect(deepActive()).to.equal(settings);
  });

  it('closes on Escape without any decision and gives focus back (R12, R45)', async () => {
    const { consent, decisions, dialog, banner } = await openFromBanner();
    await sendKeys({ press: 'Escape' });
    await until(() => !dialog.open, 'the dialog to close');
    expect(decisions).to.have.length(0);
    expect(consent.state.decided).to.equal(false);
    expect(deepActive()).to.equal(banner.button('customise'));
    // The banner is still there, waiting for a choice.
    expect(banner.banner.shadowRoot!.querySelector('section')).to.not.equal(null);
  });

  it('keeps Tab inside the dialog, both ways (R45)', async () => {
    const { dialog, preferences, button } = await openFromBanner();
    const first = preferences.shadowRoot!.activeElement!;
    expect(first.getAttribute('data-control')).to.equal('close');
    const seen = new Set<Element>();
    for (let i = 0; i < 12; i++) {
      await sendKeys({ press: 'Tab' });
      const active = deepActive();
      expect(active && dialog.contains(active), `tab ${i + 1}`).to.equal(true);
      seen.add(active!);
    }
    expect(seen.has(button('save'))).to.equal(true);
    expect(seen.has(first)).to.equal(true);
    first instanceof HTMLElement && first.focus();
    await shiftTab();
    expect(deepActive()).to.equal(button('save'));
    // Accept, reject and save are one after the other with the same style.
    const [reject, accept, save] = ['reject-all', 'accept-all', 'save'].map(button);
    const styles = [reject, accept, save].map((el) => getComputedStyle(el!));
    for (const property of ['font-size', 'font-weight', 'color', 'background-color', 'border', 'padding']) {
      expect(new Set(styles.map((style) => style.getPropertyValue(property))).size, property).to.equal(1);
    }
    const boxes = [reject, accept, save].map((el) => el!.getBoundingClientRect());
    expect(Math.abs(boxes[0]!.width - boxes[1]!.width)).to.be.at.most(1);
    expect(Math.abs(boxes[0]!.height - boxes[1]!.height)).to.be.at.most(1);
    expect(contrast(styles[0]!.color, styles[0]!.backgroundColor)).to.be.at.least(4.5);
  });

  it('wraps Shift+Tab as WebKitGTK reports it: key "Unidentified", code "Tab" (R45)', async () => {
    const { preferences, button } = await openFromBanner();
    const first = preferences.shadowRoot!.activeElement as HTMLElement;
    const init = { code: 'Tab', shiftKey: true, bubbles: true, composed: true, cancelable: true };
    const event = new KeyboardEvent('keydown', { ...init, key: 'Unidentified' });
    first.dispatchEvent(event);
    expect(event.defaultPrevented, 'the dialog handled it').to.equal(true);
    expect(deepActive()).to.equal(button('save'));
    // Another unidentified key is left alone.
    first.focus();
    const other = new KeyboardEvent('keydown', { ...init, key: 'Unidentified', code: 'IntlRo' });
    first.dispatchEvent(other);
    expect(other.defaultPrevented).to.equal(false);
    expect(deepActive()).to.equal(first);
  });

  // One test per scheme: four axe runs take longer than one test's 10 s in Firefox and WebKit on two cores.
  for (const scheme of ['light', 'dark'] as const) {
    it(`has no axe violations when open (services expanded) and when closed, ${scheme} (R44)`, async () => {
      await emulateMedia({ colorScheme: scheme });
      const { preferences, dialog } = await openFromBanner();
      for (const details of dialog.querySelectorAll('details')) details.open = true;
      await new Promise((resolve) => requestAnimationFrame(resolve));
      expect(await axeViolations(preferences), `${scheme}, open`).to.deep.equal([]);
      // Non-text contrast (WCAG 1.4.11): the switch outline against the dialog, both states.
      const background = getComputedStyle(dialog).backgroundColor;
      for (const [state, control] of [['off', dialog.querySelector('[role="switch"][aria-checked="false"]')!], ['on', dialog.querySelector('[role="switch"][aria-checked="true"]')!]] as const) {
        expect(contrast(getComputedStyle(control).borderTopColor, background), `${scheme} switch ${state}`).to.be.at.least(3);
      }
      dialog.close();
      expect(await axeViolations(document.body), `${scheme}, closed`).to.deep.equal([]);
      cleanUp();
    });
  }

  it('fits 320 CSS px: the dialog stays in view, its content scrolls, every button is reachable (R47)', async () => {
    await setViewport({ width: 320, height: 640 });
    const { dialog, button } = await openFromBanner();
    const box = dialog.getBoundingClientRect();
    expect(box.left).to.be.at.least(0);
    expect(box.right).to.be.at.most(innerWidth);
    expect(box.bottom).to.be.at.most(innerHeight);
    for (const control of ['reject-all', 'accept-all', 'save', 'close']) {
      const rect = button(control).getBoundingClientRect();
      expect(rect.top, control).to.be.at.least(0);
      expect(rect.bottom, control).to.be.at.most(innerHeight);
    }
    expect(getComputedStyle(dialog.querySelector('.body')!).overflowY).to.equal('auto');
  });

  it('opens with every service listed when the visitor asks to see the third parties (R16)', async () => {
    newConsent();
    const banner = await shownBanner();
    await clickWithMouse(banner.button('recipients'));
    const { dialog } = await shownPreferences();
    const lists = [...dialog.querySelectorAll('details')];
    expect(lists.length).to.equal(3);
    for (const list of lists) expect(list.open).to.equal(true);
    expect(dialog.textContent).to.contain('Meta Platforms Ireland Ltd');
  });

  it('opens once however often it is asked for', async () => {
    const { consent, preferences, dialog } = await openFromBanner();
    consent.showPreferences();
    consent.showPreferences();
    // Whatever the two requests set off has rendered.
    await preferences.updateComplete;
    expect(document.querySelectorAll('samtycke-preferences')).to.have.length(1);
    expect(preferences.shadowRoot!.querySelectorAll('dialog')).to.have.length(1);
    expect(dialog.open).to.equal(true);
  });
});
