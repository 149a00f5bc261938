/**
 * Server commands that read the browser through the DevTools protocol, as a
 * regulator's tooling would: every cookie, httpOnly and third-party included.
 */
export function cdpPlugin() {
  return {
    name: 'samtycke-cdp',
    async executeCommand({ command, session }) {
      if (command !== 'cdp-cookies' && command !== 'cdp-clear-cookies') return undefined;
      const page = session.browser.getPage(session.id);
      const client = await page.createCDPSession();
      try {
        if (command === 'cdp-clear-cookies') {
          await client.send('Network.clearBrowserCookies');
          return true;
        }
        const { cookies } = await client.send('Network.getAllCookies');
        return cookies;
      } finally {
        await client.detach();
      }
    },
  };
}
