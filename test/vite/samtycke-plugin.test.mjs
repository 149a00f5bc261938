// The Vite plugin (`samtycke/vite`), with Vite itself: it validates the config at build time and fails
// the build with every problem, puts the stamped config and the head script first in <head>, emits
// the head script's build under its base path, and serves it (and nothing else of dist/) in dev.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, createServer } from 'vite';
import { injectHeadTags, readPageConfig, samtycke } from '../../dist/collector/vite/samtycke-plugin.js';
import { scriptFiles } from '../../dist/collector/vite/dist-files.js';
import { configHash } from '../../dist/collector/config/config.js';

const CONFIG = { revision: '2026-05-01', policyUrl: '/privacy', categories: [{ id: 'analytics', services: [{ id: 'ga4', name: 'Google Analytics', hosts: ['www.google-analytics.com'] }] }] };
const PAGE = '<!doctype html><html><head><meta charset="UTF-8"><title>App</title><link rel="stylesheet" href="/style.css"></head><body><script type="module" src="/main.js"></script></body></html>';

/** A throwaway app: index.html, an entry module, a style sheet. */
function app(page = PAGE) {
  const root = mkdtempSync(join(tmpdir(), 'samtycke-vite-'));
  writeFileSync(join(root, 'index.html'), page);
  writeFileSync(join(root, 'main.js'), 'document.body.append("app");\n');
  writeFileSync(join(root, 'style.css'), 'body { margin: 0 }\n');
  return root;
}

const buildApp = (root, options, viteOptions = {}) => build({ root, configFile: false, logLevel: 'silent', plugins: [samtycke(options)], build: { outDir: join(root, 'out') }, ...viteOptions });

test('a build puts the stamped config and the head script first in <head>, and ships the script-tag build', async () => {
  const root = app();
  const config = { ...CONFIG, collector: { endpoint: '/v1/proofs' } };
  await buildApp(root, { config });
  const html = readFileSync(join(root, 'out', 'index.html'), 'utf8');
  const text = JSON.stringify(config);
  assert.ok(
    html.startsWith(`<!doctype html><html><head><meta charset="UTF-8"><script type="application/json" id="samtycke-config" data-stamp="${configHash(text)}">${text}</script><script src="/samtycke/samtycke.js"></script><title>`),
    html,
  );
  assert.ok(html.indexOf('samtycke.js') < html.indexOf('type="module"') && html.indexOf('samtycke.js') < html.indexOf('rel="stylesheet"'));
  const shipped = readdirSync(join(root, 'out', 'samtycke')).sort();
  assert.deepEqual(shipped, await scriptFiles(false));
  assert.ok(shipped.includes('samtycke.js') && shipped.includes('samtycke-ui.js') && shipped.some((name) => /^samtycke-ui-sv-/.test(name)), shipped.join());
  assert.equal(shipped.filter((name) => name.includes('.dev.')).length, 0, 'no development build in production');
  assert.deepEqual(readFileSync(join(root, 'out', 'samtycke', 'samtycke.js')), readFileSync(new URL('../../dist/samtycke.js', import.meta.url)));
});

test('the head script build trimmed to the config: without the settings button or the proof queue when it uses neither', async () => {
  const cases = [
    [CONFIG, 'samtycke-no-proof.js'],
    [{ ...CONFIG, ui: { settingsButton: false } }, 'samtycke-no-button-no-proof.js'],
    [{ ...CONFIG, ui: { settingsButton: false }, collector: { endpoint: 'https://consent.example/v1/proofs' } }, 'samtycke-no-button.js'],
  ];
  for (const [config, head] of cases) {
    const root = app();
    await buildApp(root, { config });
    const html = readFileSync(join(root, 'out', 'index.html'), 'utf8');
    assert.ok(html.includes(`<script src="/samtycke/${head}"></script>`), `${head}: ${html}`);
    assert.deepEqual(readFileSync(join(root, 'out', 'samtycke', head)), readFileSync(new URL(`../../dist/${head}`, import.meta.url)));
    assert.equal((await readPageConfig(config, root)).head, head, 'readPageConfig names the same build');
  }
});

test('a config file, a base path under Vite\'s base, and text that could close the element', async () => {
  const root = app();
  const config = { ...CONFIG, controller: 'Åsa </script><script>alert(1)</script> AB' };
  writeFileSync(join(root, 'samtycke.json'), JSON.stringify(config, null, 2));
  await buildApp(root, { config: 'samtycke.json', base: '/consent/' }, { base: '/shop/' });
  const html = readFileSync(join(root, 'out', 'index.html'), 'utf8');
  const [, stamp, text] = /<script type="application\/json" id="samtycke-config" data-stamp="(\w+)">([^<]*)<\/script><script src="\/shop\/consent\/samtycke-no-proof.js"><\/script>/.exec(html) ?? [];
  assert.ok(text, html);
  assert.equal(stamp, configHash(text));
  assert.deepEqual(JSON.parse(text), config, 'the same config once parsed');
  assert.match(text, /^[\x20-\x7e]*$/, 'ASCII only: no charset can misread it');
  assert.ok(readdirSync(join(root, 'out', 'consent')).includes('samtycke.js'));
});

test('a broken config fails the build with every problem listed', async () => {
  const root = app();
  writeFileSync(join(root, 'samtycke.json'), JSON.stringify({ revision: '1', categories: [{ id: 'analytics', default: true }] }));
  await assert.rejects(buildApp(root, { config: 'samtycke.json' }), (error) => {
    assert.match(error.message, /Invalid samtycke config \(2 problems\)/);
    assert.match(error.message, /policyUrl/);
    assert.match(error.message, /categories\[0\]\.default/);
    return true;
  });
  await assert.rejects(buildApp(root, { config: 'missing.json' }), /cannot read the config file .*missing\.json \(ENOENT\)/);
  writeFileSync(join(root, 'broken.json'), '{ "revision": ');
  await assert.rejects(buildApp(root, { config: 'broken.json' }), /broken\.json is not valid JSON/);
});

test('a page that already has a config element is refused rather than given a second one', async () => {
  const root = app(PAGE.replace('<title>', '<script type="application/json" id="samtycke-config">{}</script><title>'));
  await assert.rejects(buildApp(root, { config: CONFIG }), /already has a samtycke-config element/);
});

test('without a config, only the script files are shipped and the page is left alone', async () => {
  const root = app();
  await buildApp(root, {});
  assert.doesNotMatch(readFileSync(join(root, 'out', 'index.html'), 'utf8'), /samtycke/);
  assert.ok(readdirSync(join(root, 'out', 'samtycke')).includes('samtycke.js'));
});

/** A GET with the path sent as written (fetch would normalise `..`). */
const get = (port, path) =>
  new Promise((resolve, reject) => {
    request({ host: '127.0.0.1', port, path }, (response) => {
      let body = '';
      response.on('data', (chunk) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode, type: response.headers['content-type'], body }));
    })
      .on('error', reject)
      .end();
  });

test('dev: the development head script first, its chunks served, nothing else of dist/', async () => {
  const root = app();
  const server = await createServer({ root, configFile: false, logLevel: 'silent', plugins: [samtycke({ config: CONFIG })], server: { port: 0, host: '127.0.0.1' } });
  await server.listen();
  try {
    const { port } = server.httpServer.address();
    const page = await get(port, '/');
    const scripts = [...page.body.matchAll(/<script\b[^>]*>/g)].map((match) => match[0]);
    assert.match(scripts[0], /id="samtycke-config"/);
    assert.equal(scripts[1], '<script src="/samtycke/samtycke.dev.js">');
    // Vite's client script comes first in dev; <meta charset> still leads, within the first 1024 bytes.
    assert.ok(page.body.startsWith('<!doctype html><html><head><meta charset="UTF-8"><script type="application/json" id="samtycke-config"'), page.body.slice(0, 300));
    const head = await get(port, '/samtycke/samtycke.dev.js');
    assert.equal(head.status, 200);
    assert.match(head.type, /javascript/);
    assert.equal(head.body, readFileSync(new URL('../../dist/samtycke.dev.js', import.meta.url), 'utf8'));
    assert.equal((await get(port, '/samtycke/samtycke-ui.dev.js')).status, 200);
    for (const path of ['/samtycke/../../package.json', '/samtycke/esm/index.js', '/samtycke/%2e%2e/package.json']) {
      const answer = await get(port, path);
      assert.ok(!answer.body.includes('"name": "samtycke"') && !answer.body.includes('getConsent'), `${path} is not served from dist/`);
    }
  } finally {
    await server.close();
  }
});

test('injectHeadTags: first in <head>, after a leading <meta charset>, which moves to the front when something precedes it', () => {
  const tags = { configText: '{}', stamp: 's', src: '/samtycke/samtycke.js' };
  const elements = '<script type="application/json" id="samtycke-config" data-stamp="s">{}</script><script src="/samtycke/samtycke.js"></script>';
  assert.equal(injectHeadTags('<html><head>\n  <meta charset="utf-8"><title>A</title></head></html>', tags), `<html><head>\n  <meta charset="utf-8">${elements}<title>A</title></head></html>`);
  assert.equal(
    injectHeadTags('<html><head><script type="module" src="/@vite/client"></script>\n<meta charset="UTF-8" />\n<title>A</title></head><body><meta charset="x"></body></html>', tags),
    `<html><head><meta charset="UTF-8" />${elements}<script type="module" src="/@vite/client"></script>\n<title>A</title></head><body><meta charset="x"></body></html>`,
  );
  assert.equal(injectHeadTags('<html><head><title>A</title></head><body><meta charset="x"></body></html>', tags), `<html><head>${elements}<title>A</title></head><body><meta charset="x"></body></html>`, 'a charset outside <head> stays');
  // Only a real declaration moves, and only from behind elements without content: never out of a comment, script or template.
  const stays = [
    '<html><head>\n<!-- <meta charset="windows-1252"> -->\n<meta charset="utf-8"><title>A</title></head></html>',
    '<html><head><title>A</title><template><meta charset="iso-8859-1"></template>',
    '<html><head><script>var t=\'<meta charset="utf-8">\'</script><title>A</title></head>',
  ];
  for (const page of stays) assert.equal(injectHeadTags(page, tags), page.replace('<head>', `<head>${elements}`), page);
  assert.equal(
    injectHeadTags('<html><head><meta name="description" content="Fix charset=utf-8 errors"><meta charset="utf-8"></head>', tags),
    `<html><head><meta charset="utf-8">${elements}<meta name="description" content="Fix charset=utf-8 errors"></head>`,
  );
  const httpEquiv = '<meta http-equiv="Content-Type" content="text/html; charset=utf-8">';
  assert.equal(injectHeadTags(`<html><head>${httpEquiv}<title>A</title></head>`, tags), `<html><head>${httpEquiv}${elements}<title>A</title></head>`);
});

test('readPageConfig gives a server-rendered page the same element text and stamp as the plugin', async () => {
  const root = app();
  writeFileSync(join(root, 'samtycke.json'), JSON.stringify(CONFIG, null, 2));
  const { text, stamp, file } = await readPageConfig('samtycke.json', root);
  assert.equal(file, join(root, 'samtycke.json'));
  assert.equal(text, JSON.stringify(CONFIG));
  assert.equal(stamp, configHash(text));
  await assert.rejects(readPageConfig({ revision: '1' }, root), (error) => error.name === 'ConfigError' && error.issues.length >= 2);
});
