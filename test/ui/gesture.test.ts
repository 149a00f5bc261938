import { expect } from '@esm-bundle/chai';
import { freshPage } from '../helpers/fresh-page.js';
import { cleanUp, shownBanner, newConsent } from './helpers.js';

// Its own file, so its page has had no real click yet: transient activation lasts seconds.
describe('banner without a user gesture (R14)', () => {
  before(freshPage);
  after(async () => {
    cleanUp();
    await freshPage();
  });

  it('grants nothing to a scripted click and stays open', async () => {
    expect(navigator.userActivation.hasBeenActive).to.equal(false);
    const { consent, decisions } = newConsent();
    const { banner, button } = await shownBanner();
    button('accept-all').click();
    expect(consent.state.decided).to.equal(false);
    expect(consent.has('analytics')).to.equal(false);
    expect(decisions).to.have.length(0);
    await banner.updateComplete;
    expect(banner.open).to.equal(true);
    expect(banner.shadowRoot!.querySelector('section')).to.not.equal(null);
  });
});
