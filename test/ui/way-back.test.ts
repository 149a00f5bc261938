import { expect } from '@esm-bundle/chai';
import { sendKeys } from '@web/test-runner-commands';
import { loadPage, type Frame } from '../helpers/page.js';
import { clickWithMouse } from '../helpers/click-with-mouse.js';
import { until } from '../helpers/until.js';
import { useFreshPage } from '../helpers/fresh-page.js';
import { siteConfig } from '../fixtures/config.js';
import { shownBanner, shownPreferences } from './helpers.js';

/** Where focus really is in a page, looking inside shadow roots. */
const deepActive = (win: Window): Element | null => {
  let active = win.document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
};
const settingsButton = (win: Window) => win.document.querySelector('samtycke-settings-button')?.shadowRoot?.querySelector('button');

const FOOTER = `<main><h1>Shop</h1><a id="first" href="#coffee">Coffee</a><footer><a id="footer" href="#settings" data-samtycke="open">Cookie settings</a></footer></main>`;
const NO_LINK = `<main><h1>Shop</h1><a id="first" href="#coffee">Coffee</a></main>`;

/** First visit through the script tag: the settings button is a chunk of its own, fetched after the decision. */
async function firstVisit(body: string, config = siteConfig(), script?: string): Promise<Frame> {
  return loadPage({ config, body, ...(script ? { script } : {}) });
}

describe('focus after a layer closes on a first visit (WCAG 2.4.3, R45)', () => {
  useFreshPage();

  it('Customise then Save: focus waits for the lazily loaded settings button', async () => {
    const win = await firstVisit(FOOTER);
    const banner = await shownBanner(win.document);
    await clickWithMouse(banner.button('customise'));
    const { button, dialog } = await shownPreferences(win.document);
    await clickWithMouse(button('save'));
    await until(() => !dialog.open, 'the dialog to close');
    const settings = await until(() => settingsButton(win), 'the settings button');
    await until(() => deepActive(win) === settings, 'focus on the settings button');
  });

  it('Accept all in the banner: focus moves to the settings button', async () => {
    const win = await firstVisit(FOOTER);
    const { button } = await shownBanner(win.document);
    await clickWithMouse(button('accept-all'));
    const settings = await until(() => settingsButton(win), 'the settings button');
    await until(() => deepActive(win) === settings, 'focus on the settings button');
  });

  it('without the settings button: focus goes to the first data-samtycke="open" element', async () => {
    const win = await firstVisit(FOOTER, siteConfig({ ui: { settingsButton: false } }));
    const banner = await shownBanner(win.document);
    await clickWithMouse(banner.button('customise'));
    const { button, dialog } = await shownPreferences(win.document);
    await clickWithMouse(button('save'));
    await until(() => !dialog.open, 'the dialog to close');
    const footer = win.document.getElementById('footer');
    await until(() => deepActive(win) === footer, 'focus on the footer link');
    // The head script draws the button in the change listener that ran with the decision: none came.
    expect(win.samtycke!.state.decided).to.equal(true);
    expect(win.document.querySelector('samtycke-settings-button')).to.equal(null);
  });

  it('without the settings button, Reject all in the banner: focus on the data-samtycke="open" element too', async () => {
    const win = await firstVisit(FOOTER, siteConfig({ ui: { settingsButton: false } }));
    const { button } = await shownBanner(win.document);
    await clickWithMouse(button('reject-all'));
    const footer = win.document.getElementById('footer');
    await until(() => deepActive(win) === footer, 'focus on the footer link');
  });

  it('with no way back on the page: focus goes to the page start, and Tab reaches its first control', async () => {
    const win = await firstVisit(NO_LINK, siteConfig({ ui: { settingsButton: false } }));
    const { button } = await shownBanner(win.document);
    button('reject-all').focus();
    await sendKeys({ press: 'Enter' });
    await until(() => !win.document.querySelector('samtycke-banner')!.shadowRoot!.querySelector('section'), 'the banner to close');
    expect(win.document.activeElement).to.equal(win.document.body);
    await sendKeys({ press: 'Tab' });
    expect(win.document.activeElement).to.equal(win.document.getElementById('first'));
  });
});
