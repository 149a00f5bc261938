// The command line's contract: arguments read strictly, exit 0 success, 1 a failed check or a
// failure while running, 2 a usage error (with the usage text on stderr).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { runCli } from '../collector/helpers/fixtures.mjs';
import { startFixtureServer } from '../audit/helpers/fixture-server.mjs';

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
    [['audit'], /audit needs the URL of a page/],
    [['audit', 'not a url'], /"not a url" is not a URL/],
    [['audit', 'file:///etc/passwd'], /audit takes an http or https URL, not file:/],
    [['audit', 'http://localhost/', '--pages', '0'], /--pages must be a whole number from 1 to 50/],
    [['audit', 'http://localhost/', '--accept', ''], /--accept is empty/],
    [['audit', 'http://localhost/', '--db', db], /audit takes no --db/],
    [['verify', '--json'], /verify takes no --json/],
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
  assert.match(migrated.stdout, /applied 0001-proof-log, 0002-chains-and-checkpoints, 0003-incident-register; 1 chain/);
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

test('audit: progress per pass on stderr, exit 1 on a must finding, --json, --report and --baseline', async () => {
  const server = await startFixtureServer();
  try {
    const dir = mkdtempSync(join(tmpdir(), 'samtycke-audit-'));
    // A saved run that knew the page but not the pixel's host: the pixel is drift (R40).
    const baseline = join(dir, 'baseline.json');
    writeFileSync(baseline, JSON.stringify({ summary: { hosts: ['localhost', 'analytics.localhost'], cookies: [] } }));
    const selectors = ['--accept', '#accept', '--reject', '#reject, #prefs-reject', '--settings', '#cmp-settings'];
    const cli = await runCli(['audit', `${server.base}/tracker-before-consent.html`, ...selectors, '--pages', '1', '--json', '--report', join(dir, 'report'), '--baseline', baseline]);
    assert.equal(cli.code, 1, cli.stderr);
    for (const [index, name] of ['first visit', 'Reject all', 'Accept all', 'withdrawal', 'Global Privacy Control'].entries()) {
      assert.match(cli.stderr, new RegExp(`\\[\\d/5\\] ${name}: \\d+ requests`), `progress line ${index + 1}`);
    }
    const report = JSON.parse(cli.stdout);
    assert.deepEqual(report.findings.filter((f) => f.severity === 'must').map((f) => f.rule), ['R02']);
    assert.ok(report.findings.some((f) => f.rule === 'R40' && /New since the baseline: hosts pixel\.localhost/.test(f.message)), JSON.stringify(report.findings));
    assert.deepEqual(JSON.parse(readFileSync(join(dir, 'report/report.json'), 'utf8')).findings, report.findings);
    const html = readFileSync(join(dir, 'report/index.html'), 'utf8');
    assert.match(html, /FAIL/);
    for (const shot of report.passes.flatMap((p) => p.screenshots)) {
      assert.ok(existsSync(join(dir, 'report', shot.file)), shot.file);
      assert.ok(html.includes(`src="${shot.file}"`), `the report shows ${shot.file}`);
    }
    assert.ok(report.passes.find((p) => p.id === 'first-visit').screenshots.length > 0);
  } finally {
    await server.close();
  }
});
