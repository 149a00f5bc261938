import { browserCookies, clearCookies, clearDocumentCookies, resetCollector, resetTrackerHits } from './browser.js';
import { removePages } from './page.js';
import { until } from './until.js';

/** A cookie only the browser-side deletion removes: its disappearance from `document.cookie` shows the deletion reached this page. */
const MARKER = 'samtycke-test-reset';

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
  // WebKit tells this page's process of cookies deleted in the browser some time later; a notice that came
  // after the test's next cookie write would wipe that cookie from what the process's pages read. So a
  // marker goes into the browser's jar first, and the reset is done once this page no longer sees it.
  document.cookie = `${MARKER}=1; Path=/; SameSite=Lax`;
  await until(async () => (await browserCookies()).some((cookie) => cookie.name === MARKER), 'the reset marker in the browser\'s jar');
  await clearCookies();
  await until(() => !document.cookie.includes(`${MARKER}=`), 'the cookie deletion to reach this page');
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
