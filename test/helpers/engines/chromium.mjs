/**
 * Chromium for the browser tests: the system Chromium (`/usr/bin/chromium`, or
 * CHROME_PATH), headless, over the DevTools protocol. Fake tracker hosts
 * (*.test) resolve to loopback, so third-party requests are real.
 */
import { chromeLauncher } from '@web/test-runner-chrome';

const executablePath = process.env.CHROME_PATH ?? '/usr/bin/chromium';

/**
 * The launcher for web-test-runner.config.mjs.
 *
 * @example browsers: [chromiumLauncher()]
 */
export function chromiumLauncher() {
  const launcher = chromeLauncher({
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
  });
  launcher.engine = 'chromium';
  return launcher;
}
