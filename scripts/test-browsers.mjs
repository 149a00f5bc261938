/**
 * `npm run test:browser`: the browser tests in Chromium, Firefox and WebKit,
 * one engine after the other (they share the test server's fake trackers and
 * collector, which count per run), each a web-test-runner run with
 * SAMTYCKE_ENGINE set. Arguments go to every run:
 *
 *   npm run test:browser -- --files test/ui/banner.test.ts
 *   SAMTYCKE_ENGINES=webkit npm run test:browser        # one engine, or a comma-separated list
 *
 * Every engine runs even when one fails; the exit code is 1 if any failed. At
 * the end it prints each engine's wall-clock time.
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const engines = (process.env.SAMTYCKE_ENGINES ?? 'chromium,firefox,webkit').split(',').map((name) => name.trim()).filter(Boolean);
// The package exports only its API; its command line sits next to it (package.json "bin").
const runner = join(dirname(createRequire(import.meta.url).resolve('@web/test-runner')), 'bin.js');

const results = [];
for (const engine of engines) {
  console.log(`\n── browser tests in ${engine} ──`);
  const started = performance.now();
  const run = spawnSync(process.execPath, [runner, ...process.argv.slice(2)], { stdio: 'inherit', env: { ...process.env, SAMTYCKE_ENGINE: engine } });
  results.push({ engine, seconds: (performance.now() - started) / 1000, ok: run.status === 0 });
}

console.log('\nbrowser tests:');
for (const { engine, seconds, ok } of results) console.log(`  ${engine.padEnd(9)} ${seconds.toFixed(1).padStart(6)} s  ${ok ? 'passed' : 'FAILED'}`);
process.exitCode = results.every((result) => result.ok) ? 0 : 1;
