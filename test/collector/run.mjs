// Runs the server-side test suites (test/collector, test/cli, test/vite, and the server-import checks of test/entries): starts one throwaway PostgreSQL
// for all test files (or uses SAMTYCKE_TEST_DATABASE_URL), runs `node --test` on them, then stops it.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startPostgres } from './helpers/throwaway-postgres.mjs';

// `node test/collector/run.mjs test/collector/x.test.mjs` runs only the files named.
const named = process.argv.slice(2).filter((arg) => arg.endsWith('.test.mjs'));
const options = process.argv.slice(2).filter((arg) => !arg.endsWith('.test.mjs'));
const files = named.length ? named : ['../collector/', '../cli/', '../entries/', '../vite/'].flatMap((folder) => {
  const dir = fileURLToPath(new URL(folder, import.meta.url));
  return readdirSync(dir)
    .filter((name) => name.endsWith('.test.mjs'))
    .map((name) => `${dir}${name}`);
});

const postgres = await startPostgres();
const env = { ...process.env };
if (postgres.skip && process.env.CI) {
  // CI must test the PostgreSQL store: .ci/run installs it, so a skip there is a failure.
  process.stderr.write(`\nPostgreSQL could not be started in CI: ${postgres.skip}\n`);
  process.exit(1);
}
if (postgres.skip) {
  process.stderr.write(`\n*** PostgreSQL suite SKIPPED: ${postgres.skip} ***\n\n`);
  env.SAMTYCKE_TEST_POSTGRES_SKIP = postgres.skip;
} else {
  env.SAMTYCKE_TEST_DATABASE_URL = postgres.url;
}
const child = spawn(process.execPath, ['--test', '--test-concurrency=2', ...options, ...files], { stdio: 'inherit', env });
const stopOnSignal = () => child.kill('SIGTERM');
process.once('SIGINT', stopOnSignal);
process.once('SIGTERM', stopOnSignal);
const [code] = await once(child, 'exit');
await postgres.stop?.();
process.exitCode = code ?? 1;
