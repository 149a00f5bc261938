import { expect } from '@esm-bundle/chai';
import { a11ySnapshot, emulateMedia, findAccessibilityNode } from '@web/test-runner-commands';
import { clickWithMouse } from '../helpers/click-with-mouse.js';
import { itInChromium } from '../helpers/engine.js';
import { useFreshPage } from '../helpers/fresh-page.js';
import { cleanUp, shownBanner, shownPreferences, newConsent } from './helpers.js';

interface AxNode {
  role: string;
  name: string;
  checked?: boolean | 'mixed';
  disabled?: boolean;
  children: AxNode[];
}

const find = (tree: AxNode, test: (node: AxNode) => boolean) => findAccessibilityNode<AxNode>(tree, test);

describe('screen-reader semantics and motion (R46, R47)', () => {
  useFreshPage(async () => {
    cleanUp();
    await emulateMedia({ reducedMotion: 'no-preference' });
  });

  // The accessibility tree comes from the DevTools protocol.
  itInChromium('exposes a named region, two named choice buttons and switches with their state in the accessibility tree', async () => {
    newConsent();
    const banner = await shownBanner();
    const tree = (await a11ySnapshot({})) as unknown as AxNode;
    expect(find(tree, (node) => node.role === 'region' && node.name === 'Cookies and your privacy'), 'region').to.not.equal(null);
    expect(find(tree, (node) => node.role === 'button' && node.name === 'Reject all'), 'reject').to.not.equal(null);
    expect(find(tree, (node) => node.role === 'button' && node.name === 'Accept all'), 'accept').to.not.equal(null);
    expect(find(tree, (node) => node.role === 'link' && node.name === 'Privacy policy'), 'policy').to.not.equal(null);

    await clickWithMouse(banner.button('customise'));
    await shownPreferences();
    const open = (await a11ySnapshot({})) as unknown as AxNode;
    expect(find(open, (node) => node.role === 'dialog' && node.name === 'Cookie settings'), 'dialog').to.not.equal(null);
    const analytics = find(open, (node) => node.role === 'switch' && node.name === 'Analytics');
    expect(analytics?.checked ?? false, 'analytics switch').to.equal(false);
    const necessary = find(open, (node) => node.role === 'switch' && node.name === 'Strictly necessary');
    expect(necessary?.checked, 'necessary switch').to.equal(true);
    expect(necessary?.disabled, 'necessary switch').to.equal(true);
  });

  it('does not animate for visitors who ask for reduced motion', async () => {
    await emulateMedia({ reducedMotion: 'reduce' });
    newConsent();
    const { region } = await shownBanner();
    expect(region.getAnimations()).to.have.length(0);
    expect(getComputedStyle(region).animationName).to.equal('none');
  });
});
