// The example apps, built with Vite and served locally, in Chromium: the banner shows, Reject all and
// Accept all work, the stand-in tracker (imported statically before anything of the app's) reaches its
// host only while analytics is granted, and withdrawal stops it again. The server-rendered example's
// HTML holds no banner markup, and hydrating it logs no warning.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { chromium } from 'playwright-core';
import { CHROMIUM_FLAGS } from '../../dist/collector/audit/launch-browser.js';
import { serveExample } from './serve-example.mjs';

let browser;
before(async () => {
  browser = await chromium.launch({ executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium', args: [...CHROMIUM_FLAGS] });
});
after(() => browser?.close());

/** A fresh profile on the example's first page; every console warning and error, and uncaught errors, are kept. */
async function visit(site) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const problems = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') problems.push(`${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
  const response = await page.goto(site.url);
  return { context, page, problems, html: await response.text() };
}

const banner = (page, control) => page.locator(`samtycke-banner [data-control="${control}"]`);
const preferences = (page, control) => page.locator(`samtycke-preferences [data-control="${control}"]`);
/** Requests to the tracker's host that the head script held back, so far. */
const blocked = (page) => page.evaluate(() => window.samtycke.blocked().filter((attempt) => attempt.host === 'analytics.localhost').length);

/**
 * Clicks "Add to cart" (the app sends an event through the tracker) while analytics is refused:
 * the tracker tries (positive control: the gates log its fetch and beacon), and after a later
 * same-origin round trip its host has received nothing new.
 */
async function sendsNothing(page, site) {
  const before = { blocked: await blocked(page), hits: site.hits.length };
  await page.locator('#add-to-cart').click();
  await page.waitForFunction((count) => window.samtycke.blocked().filter((attempt) => attempt.host === 'analytics.localhost').length >= count + 2, before.blocked);
  const id = randomUUID();
  assert.equal(await page.evaluate((control) => fetch(`/__control?id=${control}`).then((r) => r.text()), id), 'ok');
  assert.ok(site.controls.has(id), 'the control request arrived');
  assert.deepEqual(site.hits.slice(before.hits), [], 'nothing reached the tracker host');
}

/** Clicks "Add to cart" while analytics is granted and waits for the event to reach the tracker's host. */
async function sendsEvent(page, site) {
  const before = site.hits.length;
  await page.locator('#add-to-cart').click();
  const deadline = Date.now() + 10_000;
  while (site.hits.slice(before).filter((hit) => hit.event === 'add-to-cart').length < 2) {
    assert.ok(Date.now() < deadline, `the event reached the tracker host by fetch and beacon: ${JSON.stringify(site.hits.slice(before))}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/**
 * The first scripts of the served page: the stamped config, then the head script. The Vite apps get the
 * build trimmed to their config (no settings button, no collector); SvelteKit's own template names the full one.
 */
function assertHeadFirst(html, head) {
  const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((match) => match[0]);
  assert.match(scripts[0], /^<script type="application\/json" id="samtycke-config" data-stamp="\w+">$/);
  assert.equal(scripts[1], `<script src="/samtycke/${head}">`);
  const link = html.indexOf('<link');
  assert.ok(link === -1 || html.indexOf('id="samtycke-config"') < link, 'before any preload or style sheet');
}

for (const name of ['react', 'vue', 'svelte', 'sveltekit']) {
  describe(`examples/${name}`, () => {
    let site;
    before(async () => {
      site = await serveExample(name);
    });
    after(() => site?.close());

    test('first visit: the banner, nothing sent; Accept all sends; withdrawal in Cookie settings stops it', async () => {
      site.hits.length = 0;
      const { context, page, problems, html } = await visit(site);
      try {
        assertHeadFirst(html, name === 'sveltekit' ? 'samtycke.js' : 'samtycke-no-button-no-proof.js');
        await banner(page, 'accept-all').waitFor();
        await banner(page, 'reject-all').waitFor();
        assert.equal(await page.locator('#status').textContent(), 'No choice made yet');
        assert.equal(await page.locator('#with-consent').count(), 0);
        // The page view the tracker sent at import: image, fetch and beacon, each held back.
        await page.waitForFunction(() => window.samtycke.blocked().filter((attempt) => attempt.host === 'analytics.localhost').length >= 3);
        await sendsNothing(page, site);

        await banner(page, 'accept-all').click();
        await page.locator('#with-consent').waitFor();
        assert.equal(await page.locator('#status').textContent(), 'Analytics: on');
        assert.equal(await page.locator('samtycke-banner').isVisible(), false);
        await sendsEvent(page, site);

        await page.locator('#cookie-settings').click();
        await preferences(page, 'reject-all').click();
        await page.locator('#with-consent').waitFor({ state: 'detached' });
        assert.equal(await page.locator('#status').textContent(), 'Analytics: off');
        assert.equal(await page.evaluate(() => document.cookie.includes('samtycke=')), true, 'the refusal is stored');
        await sendsNothing(page, site);
        assert.deepEqual(problems, []);
      } finally {
        await context.close();
      }
    });

    test('Reject all: nothing sent, and the choice is remembered on the next page view', async () => {
      site.hits.length = 0;
      const { context, page, problems } = await visit(site);
      try {
        await banner(page, 'reject-all').click();
        await page.waitForFunction(() => document.getElementById('status')?.textContent === 'Analytics: off');
        await sendsNothing(page, site);
        await page.reload();
        await page.waitForFunction(() => document.getElementById('status')?.textContent === 'Analytics: off');
        assert.equal(await page.locator('samtycke-banner').isVisible(), false);
        await sendsNothing(page, site);
        assert.deepEqual(site.hits, []);
        assert.deepEqual(problems, []);
      } finally {
        await context.close();
      }
    });
  });
}

describe('examples/sveltekit: server rendering', () => {
  let site;
  before(async () => {
    site = await serveExample('sveltekit');
  });
  after(() => site?.close());

  test('the server renders no banner and no consent, with the head script first', async () => {
    const response = await fetch(site.url);
    const html = await response.text();
    assertHeadFirst(html, 'samtycke.js');
    assert.doesNotMatch(html, /samtycke-banner|samtycke-preferences|Accept all|Reject all/);
    assert.match(html, /<p id="status">No choice made yet<\/p>/);
    assert.match(html, /id="without-consent"/);
  });

  test('a returning visitor who accepted: the server still renders no consent, the page hydrates without a warning, then shows it', async () => {
    const { context, page, problems } = await visit(site);
    try {
      await banner(page, 'accept-all').click();
      await page.locator('#with-consent').waitFor();
      const response = await page.reload();
      const html = await response.text();
      assert.match(html, /<p id="status">No choice made yet<\/p>/, 'the server has no consent to render');
      assert.doesNotMatch(html, /samtycke-banner|Accept all/);
      await page.locator('#with-consent').waitFor();
      assert.equal(await page.locator('#status').textContent(), 'Analytics: on');
      assert.equal(await page.locator('#without-consent').count(), 0);
      await sendsEvent(page, site);
      assert.deepEqual(problems, [], 'no hydration warning or error');
    } finally {
      await context.close();
    }
  });
});
