import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { a11ySnapshotPlugin } from '@web/test-runner-commands/plugins';
import { cdpPlugin } from './test/helpers/cdp-plugin.mjs';
import { trackerPlugin } from './test/helpers/tracker-plugin.mjs';
import { collectorPlugin } from './test/helpers/collector-plugin.mjs';
import { realCollectorPlugin } from './test/helpers/real-collector-plugin.mjs';
import { flakyDist } from './test/helpers/flaky-dist.mjs';

/**
 * Browser tests run in the system Chromium (never a downloaded one).
 * Fake tracker hosts (*.test) resolve to loopback, so third-party requests are real.
 */
const executablePath = process.env.CHROME_PATH ?? '/usr/bin/chromium';

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
  testsFinishTimeout: 300000,
  plugins: [esbuildPlugin({ ts: true, target: 'es2022', define: { DEV_MODE: 'true' } }), cdpPlugin(), trackers, collector, a11ySnapshotPlugin()],
  middleware: [collector.middleware, realCollector.middleware, flakyDist],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath,
        headless: true,
        args: [
          '--no-sandbox',
          '--disable-gpu',
          '--disable-quic',
          '--no-first-run',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--host-resolver-rules=MAP *.test 127.0.0.1',
        ],
      },
    }),
  ],
};
