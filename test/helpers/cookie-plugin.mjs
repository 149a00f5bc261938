/**
 * Server commands that read the browser's cookie jar through the engine's own
 * automation protocol, as a regulator's tooling would, HttpOnly cookies included:
 *
 * - `browser-cookies`: the cookies the browser keeps for the test page's URL,
 *   with their attributes (Chromium: DevTools protocol; Firefox: WebDriver
 *   BiDi; WebKit: WebDriver). Any engine.
 * - `browser-clear-cookies`: deletes every cookie of the browser (in WebKit,
 *   every cookie of the test page's site: WebDriver reaches no other). Any engine.
 * - `cdp-cookies`: every cookie of the browser, third-party ones included.
 *   Chromium only: a test that uses it is marked Chromium-only.
 */
const CHROMIUM_ONLY = 'needs Chromium\'s DevTools protocol: mark the test Chromium-only (see web-test-runner.config.mjs)';

async function withCdp(page, use) {
  const client = await page.createCDPSession();
  try {
    return await use(client);
  } finally {
    await client.detach();
  }
}

export function cookiePlugin() {
  return {
    name: 'samtycke-cookies',
    async executeCommand({ command, session }) {
      if (!['browser-cookies', 'browser-clear-cookies', 'cdp-cookies'].includes(command)) return undefined;
      const page = session.browser.getPage(session.id);
      const { engine } = session.browser;
      if (command === 'browser-cookies') return page.cookies();
      if (command === 'cdp-cookies') {
        if (engine !== 'chromium') throw new Error(`cdpCookies() ${CHROMIUM_ONLY}`);
        return withCdp(page, async (client) => (await client.send('Network.getAllCookies')).cookies);
      }
      if (engine === 'chromium') await withCdp(page, (client) => client.send('Network.clearBrowserCookies'));
      else if (engine === 'firefox') {
        const context = page.browserContext();
        await context.deleteCookie(...(await context.cookies()));
      } else await page.deleteCookies();
      return true;
    },
  };
}
