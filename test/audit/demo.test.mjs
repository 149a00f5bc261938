// The demo tells the audit's story: a full audit of it passes (within 30 s), and its
// "Reached a third party" panel shows each browser its own hits only.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { runAudit } from '../../dist/collector/audit/run-audit.js';
import { CHROMIUM_FLAGS } from '../../dist/collector/audit/launch-browser.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
let demo;
let base;

before(async () => {
  const env = { ...process.env, PORT: '0', SAMTYCKE_DEMO_DB: join(mkdtempSync(join(tmpdir(), 'samtycke-demo-')), 'proofs.sqlite') };
  delete env.DATABASE_URL;
  demo = spawn(process.execPath, ['scripts/serve-demo.mjs'], { cwd: root, env, stdio: ['ignore', 'pipe', 'inherit'] });
  base = await new Promise((resolve, reject) => {
    let out = '';
    demo.stdout.on('data', (chunk) => {
      out += chunk;
      const found = /samtycke demo:\s+(http:\/\/localhost:\d+)\//.exec(out);
      if (found) resolve(found[1]);
    });
    demo.once('exit', (code) => reject(new Error(`the demo server exited (${code})`)));
  });
});

after(() => demo?.kill());

test('the demo passes a full audit, in at most 30 s', async (t) => {
  const report = await runAudit({ url: `${base}/` });
  t.diagnostic(`full audit of the demo: ${(report.durationMs / 1000).toFixed(1)} s`);
  assert.deepEqual(report.summary.failedPasses, []);
  assert.equal(report.controls, 'samtycke');
  assert.equal(report.config.source, 'page');
  assert.equal(report.consentCookie, 'samtycke');
  assert.deepEqual(report.findings.filter((f) => f.severity === 'must'), []);
  const pass = (id) => report.passes.find((p) => p.id === id);
  // Positive controls: after Accept all the fake trackers were reached, and the banner was measured.
  const reached = new Set(pass('accept').requests.filter((r) => (r.sinceDecision ?? -1) >= 0).map((r) => r.host));
  assert.ok(reached.has('analytics.localhost') && reached.has('pixel.localhost'), [...reached].join(', '));
  assert.equal(pass('first-visit').choices.reject.text, 'Reject all');
  assert.equal(pass('accept').note, undefined, 'the newsletter field was filled');
  assert.deepEqual(pass('accept').leaks, [], "the sentinel (block mode) kept the pixel's hashed e-mail in the page");
  // Every page visited after Reject all has its way back to the settings.
  assert.deepEqual(pass('reject').pages.map((p) => [new URL(p.url).pathname, p.settingsEntry]), [['/', true], ['/about.html', true], ['/privacy.html', true]]);
  assert.ok(report.durationMs <= 30_000, `the audit took ${report.durationMs} ms`);
});

test("the demo's third-party panel shows this browser's hits only", async () => {
  const browser = await chromium.launch({ executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium', args: [...CHROMIUM_FLAGS] });
  try {
    const first = await browser.newPage();
    await first.goto(`${base}/`);
    await first.locator('samtycke-banner [data-control="accept-all"]').click();
    await first.waitForFunction(() => document.getElementById('hits').textContent.includes('analytics.localhost'));
    const hitsOf = (page) => page.evaluate(() => fetch('/demo-api/hits').then((r) => r.json()));
    assert.ok((await hitsOf(first)).length > 0, 'positive control: the accepting browser sees its hits');

    const second = await (await browser.newContext()).newPage();
    await second.goto(`${base}/`);
    await second.locator('samtycke-banner [data-control="reject-all"]').click();
    await second.waitForFunction(() => document.getElementById('hits').children.length > 0);
    assert.deepEqual(await hitsOf(second), []);
    assert.equal(await second.locator('#hits').textContent(), 'nothing: no request reached a tracker');
  } finally {
    await browser.close();
  }
});

test("the newsletter form with the pixel's advanced matching makes one incident on the admin page", async () => {
  const browser = await chromium.launch({ executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium', args: [...CHROMIUM_FLAGS] });
  const basic = { authorization: `Basic ${Buffer.from('demo:demo').toString('base64')}` };
  const pixelIncidents = async () => (await (await fetch(`${base}/v1/incidents`, { headers: basic })).json()).incidents.filter((incident) => incident.host === 'pixel.localhost');
  try {
    const before = await pixelIncidents();
    for (const email of ['Anna.Svensson@Example.se', 'bo@example.se']) {
      const page = await (await browser.newContext()).newPage();
      await page.goto(`${base}/`);
      await page.locator('samtycke-banner [data-control="accept-all"]').click();
      // The pixel's script sets _fbp as it registers its submit listener.
      await page.waitForFunction(() => document.cookie.includes('_fbp='));
      await page.locator('#email').fill(email);
      await page.evaluate(async () => {
        const chunk = await import('/dist/samtycke-sentinel.js');
        for (;;) {
          const sentinel = chunk.runningSentinel();
          if (sentinel) return sentinel.track(document.getElementById('email'));
          await new Promise((resolve) => setTimeout(resolve, 10));
        }
      });
      const leak = page.evaluate(() => new Promise((resolve) => document.addEventListener('samtycke:leak', (event) => resolve(event.detail), { once: true })));
      await page.locator('#newsletter button').click();
      assert.match((await leak).measures.taken[0], /blocked/, 'block mode: the request was stopped');
      await page.waitForFunction(() => localStorage.getItem('samtycke:leaks') === null);
    }
    const [incident, ...more] = await pixelIncidents();
    assert.equal(more.length, 0, 'one incident for the pixel and the e-mail field, however many visitors');
    assert.equal(incident.service, 'meta-pixel');
    assert.equal(incident.dataKind, 'email');
    assert.equal(incident.visitors, (before[0]?.visitors ?? 0) + 2);
    assert.equal(incident.blocked, incident.occurrences, 'every occurrence was an attempt the sentinel stopped');
    const page = await (await fetch(`${base}/admin/incidents`, { headers: basic })).text();
    assert.match(page, new RegExp(`#${incident.number}</a>`));
    assert.match(page, /email → pixel\.localhost/);
    assert.match(page, /72 h \d+ min left|71 h \d+ min left/);

    // The site owner assesses and closes it from the admin page, in the browser, as a person would.
    const admin = await (await browser.newContext({ httpCredentials: { username: 'Kim', password: 'demo' } })).newPage();
    await admin.goto(`${base}/admin/incidents/${incident.id}`);
    await admin.fill('textarea[name=consequences]', 'None: every request was stopped in the browser.');
    await admin.selectOption('select[name=severity]', 'no-risk');
    await admin.selectOption('select[name=notifyAuthority]', 'no');
    await Promise.all([admin.waitForURL(`${base}/admin/incidents/${incident.id}`), admin.locator('form:has(input[value=assessment]) button').click()]);
    await admin.selectOption('select[name=to]', 'closed');
    await Promise.all([admin.waitForURL(`${base}/admin/incidents/${incident.id}`), admin.locator('form:has(input[value=status]) button').click()]);
    const { incident: closed, entries } = await (await fetch(`${base}/v1/incidents/${incident.id}`, { headers: basic })).json();
    assert.equal(closed.status, 'closed');
    assert.deepEqual(entries.filter((entry) => entry.entry !== 'report' && entry.entry !== 'opened').map((entry) => [entry.entry, entry.actor]), [['assessment', 'Kim'], ['status', 'Kim']]);
  } finally {
    await browser.close();
  }
});
