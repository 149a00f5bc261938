import { expect } from '@esm-bundle/chai';
import { axeViolations } from '../helpers/axe.js';
import { clickWithMouse, runInsideClick } from '../helpers/click-with-mouse.js';
import { until } from '../helpers/until.js';
import { useFreshPage } from '../helpers/fresh-page.js';
import { connectUi } from '../../src/entries/ui.js';
import { cleanUp, shownPreferences, newConsent } from './helpers.js';

describe('npm: settings button and data-samtycke="open" (R26, R27)', () => {
  useFreshPage(() => {
    cleanUp();
    document.querySelector('#footer-link')?.remove();
  });

  it('gives a returning visitor the settings button, which opens the preferences and withdraws', async () => {
    const first = newConsent();
    expect(await runInsideClick(window, () => first.consent.acceptAll())).to.equal(true);
    cleanUp();

    const { consent, decisions } = newConsent();
    expect(consent.state.decided).to.equal(true);
    connectUi(consent);
    connectUi(consent);
    const settings = await until(() => document.querySelector('samtycke-settings-button')?.shadowRoot?.querySelector('button'), 'the settings button');
    expect(document.querySelectorAll('samtycke-settings-button')).to.have.length(1);
    expect(document.querySelector('samtycke-banner')).to.equal(null);
    expect(settings.getAttribute('aria-label')).to.equal('Cookie settings');
    expect(await axeViolations(document.querySelector('samtycke-settings-button')!)).to.deep.equal([]);

    await clickWithMouse(settings);
    const { button } = await shownPreferences();
    await clickWithMouse(button('reject-all'));
    expect(decisions.map((decision) => decision.action)).to.deep.equal(['withdraw']);
    expect(consent.has('analytics')).to.equal(false);
    // Focus returns to the button that opened the dialog.
    await until(() => document.querySelector('samtycke-settings-button')!.shadowRoot!.activeElement === settings, 'focus back on the settings button');
  });

  it('opens the preferences from any data-samtycke="open" element', async () => {
    const { consent } = newConsent();
    const link = document.createElement('a');
    link.id = 'footer-link';
    link.href = '#cookies';
    link.dataset.samtycke = 'open';
    link.textContent = 'Cookie settings';
    document.body.append(link);
    await until(() => document.querySelector('samtycke-banner'), 'the banner');
    await clickWithMouse(link);
    await shownPreferences();
    expect(location.hash).to.not.equal('#cookies');
    expect(consent.state.decided).to.equal(false);
  });
});
