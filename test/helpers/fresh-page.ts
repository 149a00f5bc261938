import { clearCookies, clearDocumentCookies, resetCollector, resetTrackerHits } from './browser.js';
import { removePages } from './page.js';

/**
 * Puts the browser back to a first visit: removes the pages `loadPage()`
 * opened, deletes every cookie (the test page's own and, through the
 * DevTools protocol, httpOnly and third-party ones), empties localStorage,
 * forgets the requests the fake trackers counted and the records the fake
 * collector kept, and sets the collector up again.
 *
 * Test files share one origin and one browser, so each starts and ends with
 * this; `useFreshPage()` registers it around every test of a suite.
 */
export async function freshPage(): Promise<void> {
  removePages();
  clearDocumentCookies();
  await clearCookies();
  // A round trip through the network stack: WebKit tells this page's process of the deletion on the same
  // connection, so once the answer is in, a late "deleted" notice can no longer wipe a cookie the test writes next.
  await fetch(location.href, { method: 'HEAD', cache: 'no-store' });
  localStorage.clear();
  await resetTrackerHits();
  await resetCollector();
}

/**
 * Registers mocha hooks: every test of the suite starts as a first visit and
 * leaves nothing behind (`freshPage()` before and after each). `tearDown`
 * runs first after each test, for what the suite itself made (consent
 * objects, elements), so none of it still runs while the browser is reset.
 *
 * @example
 * describe('gates: …', () => {
 *   useFreshPage();
 *   it('…', async () => { const win = await loadPage({ config: siteConfig() }); … });
 * });
 */
export function useFreshPage(tearDown?: () => unknown): void {
  beforeEach(freshPage);
  afterEach(async () => {
    await tearDown?.();
    await freshPage();
  });
}
