import { expect } from '@esm-bundle/chai';
import { loadPage } from '../helpers/page.js';
import { useFreshPage } from '../helpers/fresh-page.js';
import { siteConfig } from '../fixtures/config.js';
import { hitsOf, laterRequestArrived, tracker, validated, type GatedFrame } from './helpers.js';

/** The fixture with a strictly necessary service on its own host. */
function config() {
  const value = siteConfig();
  value.categories[0]!.services = [
    { id: 'session', name: 'Session API', provider: 'Exempel AB', hosts: ['api.test'], justification: 'Keeps the visitor signed in.' },
  ];
  // A wider pattern of a marketing service covers the necessary host as well: the necessary service, listed first, owns it.
  value.categories[2]!.services![0]!.hosts!.push('*.api.test');
  return value;
}

/** Calls made by the page's own code as soon as it runs, before the config is validated. */
const EARLY = `<script>
window.__early = Promise.all([
  fetch('${tracker('api.test', 'session.json')}').then((response) => response.status, (error) => error.name),
  new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.addEventListener('load', () => resolve(xhr.status));
    xhr.addEventListener('error', () => resolve('error'));
    xhr.open('GET', '${tracker('api.test', 'xhr.json')}');
    xhr.send();
  }),
]);
window.__standIn = window.samtycke.config.revision === '';
</script>`;

describe('gates: strictly necessary services are never blocked (R01)', () => {
  useFreshPage();

  it('lets fetch and XHR to a necessary host through on a first visit, before the config is validated', async () => {
    const win = (await loadPage({ config: config(), head: EARLY })) as GatedFrame & { __early: Promise<unknown[]>; __standIn: boolean };
    expect(win.__standIn).to.equal(true);
    expect(await win.__early).to.deep.equal([200, 200]);
    expect(await hitsOf('api.test', '/tracker/session.json')).to.equal(1);
    expect(await hitsOf('api.test', '/tracker/xhr.json')).to.equal(1);
    await validated(win);
    expect(win.samtycke.state.decided).to.equal(false);
    expect(win.samtycke.blocked().filter((attempt) => attempt.host === 'api.test')).to.deep.equal([]);
    // The other hosts stay blocked.
    expect(await win.fetch(tracker('pixel.test', 'x.json')).then(() => 'sent', () => 'blocked')).to.equal('blocked');
    expect(await win.fetch(tracker('ads.api.test', 'x.json')).then(() => 'sent', () => 'blocked')).to.equal('blocked');
    // A failed fetch may still have left: the server saw neither.
    await laterRequestArrived(win);
    expect(await hitsOf('pixel.test', '/tracker/x.json')).to.equal(0);
    expect(await hitsOf('ads.api.test', '/tracker/x.json')).to.equal(0);
  });
});
