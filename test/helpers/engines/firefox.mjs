/**
 * Firefox for the browser tests: the system Firefox ESR (`/usr/bin/firefox-esr`,
 * or FIREFOX_PATH), headless, driven over WebDriver BiDi by puppeteer-core
 * through the test runner's own Puppeteer launcher. Nothing is downloaded and
 * no geckodriver is needed.
 *
 * - Every host name resolves to loopback (`network.dns.forceResolve`), as
 *   Chromium's host-resolver rule does for *.test, so the fake trackers are
 *   real third parties on the test server.
 * - Cookies follow Firefox's default policy, Total Cookie Protection
 *   (cookieBehavior 5), not the "accept everything" Puppeteer sets up.
 * - `emulateMedia()` (prefers-color-scheme, prefers-reduced-motion) has no
 *   WebDriver BiDi command in Firefox ESR 153, so the page's
 *   `emulateMediaFeatures` sets the preferences Firefox reads for them, through
 *   the browser's privileged scope (`--remote-allow-system-access`), and waits
 *   until the page's media queries match.
 */
import { chromeLauncher } from '@web/test-runner-chrome';
import * as puppeteer from 'puppeteer-core';

const executablePath = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';

/** Firefox preferences behind the media features the tests emulate; `null` restores Firefox's own value. */
const MEDIA_PREFS = {
  'prefers-color-scheme': {
    pref: 'layout.css.prefers-color-scheme.content-override',
    values: { dark: 0, light: 1, 'no-preference': null, '': null },
  },
  'prefers-reduced-motion': {
    pref: 'ui.prefersReducedMotion',
    values: { reduce: 1, 'no-preference': 0, '': null },
  },
};

/** Sends a raw WebDriver BiDi command on the page's session. */
function bidi(page, method, params) {
  return page.mainFrame().browsingContext.userContext.browser.session.send(method, params);
}

/** Runs `expression` in Firefox's privileged (chrome) scope, where `Services.prefs` lives. */
async function inChrome(page, expression) {
  const { result } = await bidi(page, 'browsingContext.getTree', { 'moz:scope': 'chrome', maxDepth: 0 });
  const context = result.contexts[0]?.context;
  if (!context) throw new Error('Firefox exposes no privileged browsing context: is --remote-allow-system-access passed?');
  const { result: evaluated } = await bidi(page, 'script.evaluate', { expression, target: { context }, awaitPromise: false });
  if (evaluated.type === 'exception') throw new Error(`Firefox refused ${expression}: ${evaluated.exceptionDetails.text}`);
}

/** `page.emulateMediaFeatures()` for Firefox: sets the preferences, then waits until the page sees them. */
async function emulateMediaFeatures(page, features = []) {
  const queries = [];
  for (const { name, value } of features) {
    const entry = MEDIA_PREFS[name];
    if (!entry || !(value in entry.values)) throw new Error(`emulateMedia: ${name}: ${value} is not emulated in Firefox (see test/helpers/engines/firefox.mjs)`);
    const prefValue = entry.values[value];
    const pref = JSON.stringify(entry.pref);
    await inChrome(page, prefValue === null ? `Services.prefs.clearUserPref(${pref})` : `Services.prefs.setIntPref(${pref}, ${prefValue})`);
    if (prefValue !== null) queries.push(`(${name}: ${value})`);
  }
  // Preferences reach the content process asynchronously: wait for the page to see them.
  if (queries.length > 0) await page.waitForFunction((all) => all.every((query) => matchMedia(query).matches), { timeout: 5000 }, queries);
}

/**
 * The launcher for web-test-runner.config.mjs.
 *
 * @example browsers: [firefoxLauncher()]
 */
export function firefoxLauncher() {
  const launcher = chromeLauncher({
    puppeteer,
    launchOptions: {
      browser: 'firefox',
      executablePath,
      headless: true,
      args: ['--remote-allow-system-access'],
      extraPrefsFirefox: {
        'network.dns.forceResolve': '127.0.0.1',
        'network.cookie.cookieBehavior': 5,
        'browser.contentblocking.features.standard': '-tp,tpPrivate,cookieBehavior5,-cryptoTP,-fp',
      },
    },
    async createPage({ context }) {
      const page = await context.newPage();
      page.emulateMediaFeatures = (features) => emulateMediaFeatures(page, features);
      // Puppeteer's BiDi keyboard knows the space bar only as ' ', its CDP keyboard also as 'Space'.
      for (const method of ['press', 'down', 'up']) {
        const original = page.keyboard[method].bind(page.keyboard);
        page.keyboard[method] = (key, options) => original(key === 'Space' ? ' ' : key, options);
      }
      return page;
    },
  });
  launcher.engine = 'firefox';
  return launcher;
}
