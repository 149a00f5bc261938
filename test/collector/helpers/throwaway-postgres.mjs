// Starts a disposable PostgreSQL server in a temp directory for tests and benchmarks:
// initdb + pg_ctl on a free loopback port, as the "postgres" user when running as root.
// Installs Debian's postgresql package when no binaries are found and apt-get is usable.
import { spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function findBinDir() {
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    const versions = readdirSync(root)
      .filter((name) => existsSync(join(root, name, 'bin', 'initdb')))
      .sort((a, b) => Number(b) - Number(a));
    if (versions[0]) return join(root, versions[0], 'bin');
  }
  const config = spawnSync('pg_config', ['--bindir'], { encoding: 'utf8' });
  const dir = config.status === 0 ? config.stdout.trim() : '';
  return dir && existsSync(join(dir, 'initdb')) ? dir : undefined;
}

function installPostgres(log) {
  if (process.getuid?.() !== 0 || spawnSync('apt-get', ['--version']).status !== 0) return false;
  log('PostgreSQL binaries not found; installing the postgresql package with apt-get');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  let result = spawnSync('apt-get', ['install', '-y', '-q', 'postgresql'], { env, stdio: 'ignore' });
  if (result.status !== 0) {
    spawnSync('apt-get', ['update', '-q'], { env, stdio: 'ignore' });
    result = spawnSync('apt-get', ['install', '-y', '-q', 'postgresql'], { env, stdio: 'ignore' });
  }
  return result.status === 0;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function runAs(user) {
  if (!user) return {};
  return { uid: user.uid, gid: user.gid };
}

function postgresUser() {
  if (process.getuid?.() !== 0) return undefined;
  const uid = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
  const gid = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
  if (uid.status !== 0) throw new Error('running as root but there is no "postgres" user to run the server');
  return { uid: Number(uid.stdout), gid: Number(gid.stdout) };
}

/**
 * Resolves with `{ url, stop }`, or `{ skip: reason }` when no PostgreSQL can be started.
 * SAMTYCKE_TEST_DATABASE_URL, when set, is used as is (and never stopped), unless `own` is true.
 */
export async function startPostgres({ log = (message) => process.stderr.write(`${message}\n`), own = false } = {}) {
  // `own`: a server of its own even when a shared one is configured (a test that restarts it).
  if (process.env.SAMTYCKE_TEST_DATABASE_URL && !own) {
    return { url: process.env.SAMTYCKE_TEST_DATABASE_URL, stop: async () => {} };
  }
  let binDir = findBinDir();
  if (!binDir && installPostgres(log)) binDir = findBinDir();
  if (!binDir) return { skip: 'no PostgreSQL binaries (initdb, pg_ctl) found and they could not be installed' };
  let user;
  try {
    user = postgresUser();
  } catch (error) {
    return { skip: error.message };
  }
  const dir = mkdtempSync(join(tmpdir(), 'samtycke-pg-'));
  if (user) chownSync(dir, user.uid, user.gid);
  const data = join(dir, 'data');
  const options = { ...runAs(user), encoding: 'utf8', cwd: dir };
  const init = spawnSync(
    join(binDir, 'initdb'),
    ['-D', data, '-U', 'samtycke', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync'],
    options,
  );
  if (init.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    return { skip: `initdb failed: ${(init.stderr || init.error?.message || '').trim()}` };
  }
  const port = await freePort();
  const start = spawnSync(
    join(binDir, 'pg_ctl'),
    ['-D', data, '-l', join(dir, 'server.log'), '-w', '-t', '60', '-o', `-p ${port} -h 127.0.0.1 -k ${dir} -c max_connections=200`, 'start'],
    options,
  );
  if (start.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    return { skip: `pg_ctl start failed: ${(start.stderr || start.stdout || start.error?.message || '').trim()}` };
  }
  return {
    url: `postgres://samtycke@127.0.0.1:${port}/postgres`,
    /** Crash-restarts the server (`pg_ctl restart -m immediate`): no shutdown checkpoint, WAL recovery at start. */
    async restartImmediate() {
      const result = spawnSync(join(binDir, 'pg_ctl'), ['-D', data, '-l', join(dir, 'server.log'), '-m', 'immediate', '-w', '-t', '60', 'restart'], options);
      if (result.status !== 0) throw new Error(`pg_ctl restart failed: ${(result.stderr || result.stdout || '').trim()}`);
    },
    async stop() {
      spawnSync(join(binDir, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop'], options);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
