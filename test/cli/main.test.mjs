// The command line's contract: arguments read strictly, exit 0 success, 1 a failed check or a
// failure while running, 2 a usage error (with the usage text on stderr).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { runCli } from '../collector/helpers/fixtures.mjs';

const db = join(mkdtempSync(join(tmpdir(), 'samtycke-cli-')), 'proofs.db');

test('help: exit 0 with the usage text', async () => {
  for (const args of [['help'], ['--help'], ['verify', '-h']]) {
    const cli = await runCli(args);
    assert.equal(cli.code, 0, args.join(' '));
    assert.match(cli.stdout, /^Usage: samtycke <command>/);
  }
});

test('usage errors: exit 2, naming the mistake, with the usage text', async () => {
  const cases = [
    [[], /no command given/],
    [['bogus'], /unknown command "bogus"/],
    [['verify', '--nope'], /Unknown option '--nope'/],
    [['verify', '--port', '3'], /verify takes no --port/],
    [['verify', 'extra'], /unexpected argument "extra"/],
    [['serve', '--port', '70000'], /--port must be 0–65535/],
    [['export', '--db', db, '--format', 'xml'], /--format must be ndjson or csv/],
    [['export', '--db', db, '--from', 'yesterday'], /--from must be an ISO-8601 date/],
    [['retain', '--db', db, '--months', '0'], /--months must be a positive number/],
  ];
  for (const [args, message] of cases) {
    const cli = await runCli(args);
    assert.equal(cli.code, 2, `${args.join(' ')}: ${cli.stderr}`);
    assert.match(cli.stderr, message);
    assert.match(cli.stderr, /Usage: samtycke <command>/);
  }
});

test('a failure while running: exit 1, without the usage text', async () => {
  const cli = await runCli(['verify'], { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' });
  assert.equal(cli.code, 1, cli.stderr);
  assert.match(cli.stderr, /^samtycke: /);
  assert.doesNotMatch(cli.stderr, /Usage:/);
});

test('verify refuses a database that is not there or not migrated, naming the command to run', async () => {
  const missing = await runCli(['verify', '--db', `${db}.missing`]);
  assert.equal(missing.code, 1, missing.stderr);
  assert.match(missing.stderr, /no database at/);
  const empty = join(mkdtempSync(join(tmpdir(), 'samtycke-cli-')), 'empty.db');
  new Database(empty).close();
  const unmigrated = await runCli(['verify', '--db', empty]);
  assert.equal(unmigrated.code, 1);
  assert.match(unmigrated.stderr, /run `samtycke migrate`/);
});

test('success: exit 0 (migrate, then verify on a new, empty store)', async () => {
  const migrated = await runCli(['migrate', '--db', db]);
  assert.equal(migrated.code, 0, migrated.stderr);
  assert.match(migrated.stdout, /applied 0001-proof-log, 0002-chains-and-checkpoints; 1 chain/);
  const again = await runCli(['migrate', '--db', db]);
  assert.match(again.stdout, /schema already current/);
  const cli = await runCli(['verify', '--db', db]);
  assert.equal(cli.code, 0, cli.stderr);
  assert.match(cli.stdout, /^OK: 0 records in 1 chain, intact/);
});

test('migrate: SQLite keeps one chain (a usage error otherwise)', async () => {
  const cli = await runCli(['migrate', '--db', db, '--chains', '4']);
  assert.equal(cli.code, 2);
  assert.match(cli.stderr, /SQLite keeps one chain/);
});
