/**
 * Server commands that read the browser through the DevTools protocol, as a
 * regulator's tooling would: every cookie, httpOnly and third-party included.
 */
export function cdpPlugin() {
  // Emulation lasts as long as the DevTools session that set it: one kept per test page.
  const emulating = new Map();
  return {
    name: 'samtycke-cdp',
    async executeCommand({ command, payload, session }) {
      if (command !== 'cdp-cookies' && command !== 'cdp-clear-cookies' && command !== 'cdp-media') return undefined;
      const page = session.browser.getPage(session.id);
      if (command === 'cdp-media') {
        // The page as printed (or back to the screen with an empty media).
        if (!emulating.has(session.id)) emulating.set(session.id, await page.createCDPSession());
        await emulating.get(session.id).send('Emulation.setEmulatedMedia', { media: payload?.media ?? '' });
        return true;
      }
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
