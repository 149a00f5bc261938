/**
 * The browser tests, in one engine per run: SAMTYCKE_ENGINE=chromium (the default),
 * firefox or webkit. `npm run test:browser` (scripts/test-browsers.mjs) runs all
 * three, one after the other, and is what `npm test` runs. Each engine is the
 * system's own browser; nothing downloads one (test/helpers/engines/).
 *
 * Fake tracker hosts (*.test) reach the test server on loopback, so third-party
 * requests are real; the tracker server counts them (tracker-plugin.mjs).
 *
 * Chromium-only tests. A test that needs Chromium's DevTools protocol (CDP:
 * `cdpCookies()`, `a11ySnapshot()`, a CDP session) is registered with
 * `itInChromium(…)` from test/helpers/engine.ts instead of `it(…)`; Firefox and
 * WebKit list it as skipped. That is the only marking: no file names, no engine
 * checks around assertions. Everything else observes the engine-neutral way:
 * cookies through document.cookie or `browserCookies()` (the page's cookies,
 * HttpOnly included, from each engine's own protocol), requests through the
 * tracker server's hit log (`trackerHits()`, `countedBundle()`) rather than
 * Resource Timing, proof records through the collector. Calling a CDP helper
 * outside Chromium fails with a message that points here.
 */
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { a11ySnapshotPlugin } from '@web/test-runner-commands/plugins';
import { chromiumLauncher } from './test/helpers/engines/chromium.mjs';
import { firefoxLauncher } from './test/helpers/engines/firefox.mjs';
import { webkitLauncher } from './test/helpers/engines/webkit.mjs';
import { cookiePlugin } from './test/helpers/cookie-plugin.mjs';
import { trackerPlugin } from './test/helpers/tracker-plugin.mjs';
import { collectorPlugin } from './test/helpers/collector-plugin.mjs';
import { realCollectorPlugin } from './test/helpers/real-collector-plugin.mjs';
import { flakyDist } from './test/helpers/flaky-dist.mjs';

const launchers = { chromium: chromiumLauncher, firefox: firefoxLauncher, webkit: webkitLauncher };
const engine = process.env.SAMTYCKE_ENGINE ?? 'chromium';
if (!(engine in launchers)) throw new Error(`SAMTYCKE_ENGINE=${engine}: use one of ${Object.keys(launchers).join(', ')}`);

const trackers = trackerPlugin();
const collector = collectorPlugin();
const realCollector = realCollectorPlugin();

export default {
  files: ['test/**/*.test.ts', '!test/collector/**'],
  nodeResolve: { browser: true },
  rootDir: '.',
  // One page at a time: test files share the origin, hence its cookies and BroadcastChannels.
  concurrency: 1,
  testFramework: { config: { timeout: 10000 } },
  // A failed assertion that compares elements fails with its message (readable-failures.js) instead of timing out.
  testRunnerHtml: (testFramework) =>
    `<!DOCTYPE html><html><head><script src="/test/helpers/readable-failures.js"></script></head><body><script type="module" src="${testFramework}"></script></body></html>`,
  testsFinishTimeout: 300000,
  plugins: [esbuildPlugin({ ts: true, target: 'es2022', define: { DEV_MODE: 'true' } }), cookiePlugin(), trackers, collector, a11ySnapshotPlugin()],
  middleware: [collector.middleware, realCollector.middleware, flakyDist],
  browsers: [launchers[engine]()],
};
