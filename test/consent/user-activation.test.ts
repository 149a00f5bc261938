import { expect } from '@esm-bundle/chai';
import { createConsent, type Decision } from '../../src/entries/index.js';
import { runInsideClick } from '../helpers/click-with-mouse.js';
import { freshPage } from '../helpers/fresh-page.js';
import { siteConfig } from '../fixtures/config.js';

// Its own file, so its page has had no click before: transient activation lasts seconds.
describe('user gesture (R14)', () => {
  before(freshPage);
  after(freshPage);

  it('refuses a grant without a user gesture, and records the gesture when there is one', async () => {
    expect(navigator.userActivation.hasBeenActive).to.equal(false);
    const consent = createConsent(siteConfig(), { autoShow: false });
    const decisions: Decision[] = [];
    consent.on('decision', (decision) => decisions.push(decision));
    const fromTimer = await new Promise<boolean>((resolve) => setTimeout(() => resolve(consent.acceptAll()), 0));
    expect(fromTimer).to.equal(false);
    expect(consent.set({ analytics: true })).to.equal(false);
    expect(consent.state.decided).to.equal(false);
    expect(document.cookie).not.to.contain('samtycke=');
    expect(decisions).to.have.length(0);
    expect(await runInsideClick(window, () => consent.set({ analytics: true }))).to.equal(true);
    expect(decisions[0]!.userActivation).to.equal(true);
    expect(decisions[0]!.action).to.equal('custom');
    expect(consent.has('analytics')).to.equal(true);
    // Refusing never needs a gesture.
    expect(consent.rejectAll()).to.equal(true);
    consent.destroy();
  });
});
