/**
 * `npm run test:browser`: the browser tests in Chromium, Firefox and WebKit,
 * each a web-test-runner run with SAMTYCKE_ENGINE set, with its own test
 * server (and so its own fake trackers and collector) on a port of its own.
 * Arguments go to every run:
 *
 *   npm run test:browser -- --files test/ui/banner.test.ts
 *   SAMTYCKE_ENGINES=webkit npm run test:browser        # one engine, or a comma-separated list
 *   SAMTYCKE_ENGINE_CONCURRENCY=1 npm run test:browser  # one engine at a time
 *
 * Two engines run at a time by default, the slowest first (the order of
 * SAMTYCKE_ENGINES): each run drives one page at a time and waits on its
 * browser much of the time, so two fill a 2-core machine without starving
 * each other. With more than one at a time, each line of output is prefixed
 * with its engine. Every engine runs even when one fails; the exit code is 1
 * if any failed. At the end it prints each engine's wall-clock time and the
 * total.
 */
import { spawn } from 'node:child_process';
import http from 'node:http';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';

const engines = (process.env.SAMTYCKE_ENGINES ?? 'webkit,firefox,chromium').split(',').map((name) => name.trim()).filter(Boolean);
const concurrency = Number(process.env.SAMTYCKE_ENGINE_CONCURRENCY ?? 2);
if (!Number.isInteger(concurrency) || concurrency < 1) throw new Error(`SAMTYCKE_ENGINE_CONCURRENCY=${process.env.SAMTYCKE_ENGINE_CONCURRENCY}: use a whole number of at least 1`);
// The package exports only its API; its command line sits next to it (package.json "bin").
const runner = join(dirname(createRequire(import.meta.url).resolve('@web/test-runner')), 'bin.js');
const args = process.argv.slice(2);
const parallel = Math.min(concurrency, engines.length) > 1;
/** ANSI cursor movements and line erasing (colours stay). */
const CURSOR_MOVES = /\x1b\[\d*[ABCDGHJK]/g;

/** A port the kernel hands out, so that runs started together do not race for the runner's default (8000 and up). */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = http.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/** Runs web-test-runner for one engine and resolves with its result; its output is prefixed when engines run side by side. */
async function run(engine) {
  // Side by side: a port each, and plain lines instead of the runner's redrawn progress bar.
  const runArgs = parallel ? [...(args.includes('--port') ? [] : ['--port', String(await freePort())]), '--static-logging'] : [];
  console.log(`\n── browser tests in ${engine} ──`);
  const started = performance.now();
  const child = spawn(process.execPath, [runner, ...runArgs, ...args], {
    stdio: parallel ? ['ignore', 'pipe', 'pipe'] : 'inherit',
    env: { ...process.env, SAMTYCKE_ENGINE: engine },
  });
  if (parallel) {
    const prefix = `[${engine}]`.padEnd(11);
    for (const [stream, out] of [[child.stdout, process.stdout], [child.stderr, process.stderr]]) {
      // The runner still moves the cursor to redraw; between another engine's lines that only scrambles them.
      createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line) => out.write(`${prefix}${line.replace(CURSOR_MOVES, '')}\n`));
    }
  }
  const code = await new Promise((resolve) => {
    child.on('error', (error) => (console.error(`${engine}: ${error.message}`), resolve(1)));
    child.on('close', resolve);
  });
  return { engine, seconds: (performance.now() - started) / 1000, ok: code === 0 };
}

const started = performance.now();
const queue = [...engines];
const results = [];
await Promise.all(
  Array.from({ length: Math.min(concurrency, engines.length) }, async () => {
    while (queue.length > 0) results.push(await run(queue.shift()));
  }),
);

console.log(`\nbrowser tests (${Math.min(concurrency, engines.length)} at a time):`);
for (const { engine, seconds, ok } of engines.map((name) => results.find((result) => result.engine === name))) {
  console.log(`  ${engine.padEnd(9)} ${seconds.toFixed(1).padStart(6)} s  ${ok ? 'passed' : 'FAILED'}`);
}
console.log(`  ${'total'.padEnd(9)} ${((performance.now() - started) / 1000).toFixed(1).padStart(6)} s`);
process.exitCode = results.every((result) => result.ok) ? 0 : 1;
