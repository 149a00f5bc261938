// `samtycke check`: validates configs where a site is built and stamps pages, with the same schema
// and the same fingerprint as the browser (src/config/), so a stamped page skips the validator.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../collector/helpers/fixtures.mjs';
import { configHash } from '../../dist/collector/config/config.js';

const dir = mkdtempSync(join(tmpdir(), 'samtycke-check-'));
const CONFIG = JSON.stringify({ revision: '2026-11-01', policyUrl: '/privacy', categories: [{ id: 'analytics' }] }, null, 2);
const page = (config, attributes = '') => `<!doctype html><html><head>
<script type="application/json" id="samtycke-config"${attributes}>${config}</script>
<script src="/dist/samtycke.js"></script></head><body></body></html>`;

test('stamps a page with the fingerprint of the exact config text, and replaces an old stamp', async () => {
  const file = join(dir, 'index.html');
  writeFileSync(file, page(CONFIG, ' data-stamp="old"'));
  const cli = await runCli(['check', file, '--write']);
  assert.equal(cli.code, 0, cli.stderr);
  const html = readFileSync(file, 'utf8');
  assert.match(html, new RegExp(`<script type="application/json" id="samtycke-config" data-stamp="${configHash(CONFIG)}">`));
  assert.equal(html.match(/data-stamp/g).length, 1);
  assert.ok(html.includes(CONFIG), 'the config text itself is untouched');
  assert.match(cli.stdout, new RegExp(`valid; data-stamp="${configHash(CONFIG)}" \\(written\\); smallest head script for it: samtycke-no-proof.js\n`));
});

test('refuses a page whose head script build cannot serve its config, and never stamps it', async () => {
  const file = join(dir, 'trimmed.html');
  const wrong = page(CONFIG).replace('/dist/samtycke.js', '/assets/samtycke-no-button-no-proof.js?v=3');
  writeFileSync(file, wrong);
  const cli = await runCli(['check', file, '--write']);
  assert.equal(cli.code, 1, cli.stdout);
  assert.match(cli.stdout, /trimmed\.html: 1 problem\n {2}- \(root\): the page's head script samtycke-no-button-no-proof\.js is built without the settings button \(ui\.settingsButton is not false\); load samtycke-no-proof\.js instead: it grants nothing with this config\n/);
  assert.equal(readFileSync(file, 'utf8'), wrong, 'not stamped');
  // Found behind a commented-out tag and another script of a similar name; a tag in a comment does not count.
  const hidden = page(CONFIG).replace('<script src="/dist/samtycke.js"></script>', '<!-- <script src="/dist/samtycke.js"></script> --><script src="/js/samtycke-init.js"></script><script src=\'/dist/samtycke-no-button.js#x\'></script>');
  writeFileSync(file, hidden);
  assert.equal((await runCli(['check', file])).code, 1, 'the build behind the comment is found');
  writeFileSync(file, page(CONFIG).replace('<script src="/dist/samtycke.js"></script>', '<!-- <script src="/dist/samtycke-no-button.js"></script> --><script src="/dist/samtycke.js"></script>'));
  assert.equal((await runCli(['check', file])).code, 0, 'a commented-out build does not count');
  // The same build with a config it serves passes.
  const fits = JSON.stringify({ ...JSON.parse(CONFIG), ui: { settingsButton: false } });
  writeFileSync(file, page(fits).replace('/dist/samtycke.js', '/assets/samtycke-no-button-no-proof.js'));
  const ok = await runCli(['check', file]);
  assert.equal(ok.code, 0, ok.stdout);
});

test('names the smallest head script build that serves the config', async () => {
  const withCollector = join(dir, 'collector.json');
  writeFileSync(withCollector, JSON.stringify({ ...JSON.parse(CONFIG), collector: { endpoint: '/v1/proofs' } }));
  const footerLink = join(dir, 'footer-link.json');
  writeFileSync(footerLink, JSON.stringify({ ...JSON.parse(CONFIG), ui: { settingsButton: false } }));
  const cli = await runCli(['check', withCollector, footerLink]);
  assert.equal(cli.code, 0, cli.stderr);
  assert.match(cli.stdout, /collector\.json: valid; data-stamp="\w+"; smallest head script for it: samtycke\.js\n/);
  assert.match(cli.stdout, /footer-link\.json: valid; data-stamp="\w+"; smallest head script for it: samtycke-no-button-no-proof\.js\n/);
});

test('without --write, prints the stamp and leaves the file alone; a JSON file is checked too', async () => {
  const file = join(dir, 'plain.html');
  writeFileSync(file, page(CONFIG));
  const json = join(dir, 'config.json');
  writeFileSync(json, CONFIG);
  const cli = await runCli(['check', file, json]);
  assert.equal(cli.code, 0, cli.stderr);
  assert.equal(readFileSync(file, 'utf8'), page(CONFIG));
  assert.equal(cli.stdout.match(new RegExp(`data-stamp="${configHash(CONFIG)}"`, 'g')).length, 2);
});

test('refuses a broken config with every problem, exit 1, and never stamps it', async () => {
  const broken = JSON.stringify({ revision: '1', policyUrl: '/p', retention: '14m', categories: [{ id: 'ads', default: true }] });
  const file = join(dir, 'broken.html');
  writeFileSync(file, page(broken));
  const cli = await runCli(['check', file, '--write']);
  assert.equal(cli.code, 1);
  assert.match(cli.stdout, /2 problems/);
  assert.match(cli.stdout, /retention: must be at most 13 months/);
  assert.match(cli.stdout, /categories\[0\]\.default: category "ads" cannot be granted by default/);
  assert.doesNotMatch(readFileSync(file, 'utf8'), /data-stamp/);
});

test('invalid JSON and a page without a config are clear failures', async () => {
  const json = join(dir, 'bad.json');
  writeFileSync(json, '{ "revision": ');
  const bad = await runCli(['check', json]);
  assert.equal(bad.code, 1);
  assert.match(bad.stdout, /the config is not valid JSON/);
  const none = join(dir, 'none.html');
  writeFileSync(none, '<!doctype html><p>no config</p>');
  const missing = await runCli(['check', none]);
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /no <script type="application\/json" id="samtycke-config"> element/);
  const usage = await runCli(['check']);
  assert.equal(usage.code, 2);
});
