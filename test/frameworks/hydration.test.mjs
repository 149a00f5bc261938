// Hydration with each integration, in Chromium: a server renders the fixture (React, Vue, Svelte) with
// its own renderer, the browser of a visitor who accepted hydrates it, and the framework itself says
// whether its first render matched the server's (React's recoverable errors, Vue's mismatch report, and,
// since Svelte repairs a mismatched block silently, whether the server's nodes survived hydration).
// Then the page shows the visitor's consent. A variant that reads the consent object during render is
// the negative control: each framework must catch it, or this test could not fail.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { build } from 'vite';
import react from '@vitejs/plugin-react';
import vue from '@vitejs/plugin-vue';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { CHROMIUM_FLAGS } from '../../dist/collector/audit/launch-browser.js';
import { checkConfigText } from '../../dist/collector/cli/check.js';

const fixtures = fileURLToPath(new URL('./fixtures/', import.meta.url));
const out = join(fixtures, 'dist');
const packageDist = fileURLToPath(new URL('../../dist/', import.meta.url));
const CONFIG = JSON.stringify({ revision: '1', policyUrl: '/privacy', ui: { settingsButton: false }, categories: [{ id: 'analytics' }] });
const TYPES = { '.js': 'text/javascript', '.map': 'application/json' };

let server;
let base;
let browser;
let render;

before(async () => {
  const shared = { root: fixtures, configFile: false, logLevel: 'warn', plugins: [react(), vue(), svelte()] };
  await build({ ...shared, build: { outDir: join(out, 'client'), emptyOutDir: true, minify: true, rolldownOptions: { input: join(fixtures, 'client.js'), output: { entryFileNames: 'client.js' } } } });
  await build({ ...shared, build: { outDir: join(out, 'server'), emptyOutDir: true, ssr: join(fixtures, 'server.js') } });
  ({ render } = await import(join(out, 'server', 'server.js')));
  const check = checkConfigText(CONFIG);
  assert.ok(check.ok);
  server = createServer(async (request, response) => {
    const url = new URL(request.url, 'http://x');
    try {
      if (url.pathname === '/page') {
        const framework = url.searchParams.get('framework');
        const direct = url.searchParams.get('direct') === 'true';
        const html = await render[framework](direct);
        response.setHeader('Content-Type', 'text/html; charset=utf-8');
        response.end(`<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,">
<script type="application/json" id="samtycke-config" data-stamp="${check.stamp}">${CONFIG}</script><script src="/samtycke/samtycke.js"></script></head>
<body><div id="root" data-framework="${framework}" data-direct="${direct}">${html}</div><script type="module" src="/client.js"></script></body></html>`);
        return;
      }
      const file = url.pathname.startsWith('/samtycke/') ? join(packageDist, url.pathname.slice('/samtycke/'.length)) : join(out, 'client', url.pathname);
      if (!file.startsWith(packageDist) && !file.startsWith(join(out, 'client'))) throw new Error('outside');
      const body = await readFile(file);
      response.setHeader('Content-Type', TYPES[extname(file)] ?? 'application/octet-stream');
      response.end(body);
    } catch {
      response.statusCode = 404;
      response.end();
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://localhost:${server.address().port}`;
  browser = await chromium.launch({ executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium', args: [...CHROMIUM_FLAGS] });
});

after(async () => {
  await browser?.close();
  server?.close();
});

/** A visitor who accepted, back on the page: what hydration reported, and every console warning and error. */
async function returningVisitor(framework, direct) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const problems = [];
  try {
    await page.goto(`${base}/page?framework=${framework}&direct=${direct}`);
    await page.locator('samtycke-banner [data-control="accept-all"]').click();
    await page.waitForFunction(() => document.getElementById('status')?.textContent === 'granted');
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
    const response = await page.reload();
    const served = await response.text();
    await page.waitForFunction(() => window.__hydration?.done && document.getElementById('status')?.textContent === 'granted');
    const hydration = await page.evaluate(() => window.__hydration);
    return { served, hydration, problems, onAfter: await page.locator('#on').count() };
  } finally {
    await context.close();
  }
}

for (const framework of ['react', 'vue', 'svelte']) {
  describe(`samtycke/${framework} hydration`, () => {
    test('the server renders no consent; hydration matches it, then the page shows the visitor\'s', async () => {
      const result = await returningVisitor(framework, false);
      assert.match(result.served, /<p id="status">not granted<\/p>/);
      assert.doesNotMatch(result.served, /samtycke-banner|Accept all/);
      assert.deepEqual(result.hydration.errors, []);
      assert.equal(result.hydration.serverNodeKept, true, "hydration kept the server's nodes");
      assert.deepEqual(result.problems, []);
      assert.equal(result.onAfter, 1);
    });

    test('negative control: reading the consent object during render is caught by the framework', async () => {
      const result = await returningVisitor(framework, true);
      const caught = result.hydration.errors.length > 0 || result.problems.some((problem) => /hydrat/i.test(problem)) || result.hydration.serverNodeKept === false;
      assert.ok(caught, JSON.stringify(result.hydration) + JSON.stringify(result.problems));
    });
  });
}
