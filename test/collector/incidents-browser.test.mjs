// Browser to collector: real Chromium visitors accept, type a unique e-mail into the newsletter
// form, and two vendor scripts send it (SHA-256 to pixel.test, base64 to ads.test). The sentinel
// reports each leak through the proof queue; the collector groups them. 50 visitors make one
// incident per vendor with 50 affected visitors, and no stored byte holds a typed value in any
// encoding. The same browser traffic reaches a collector on SQLite and one on PostgreSQL.
import assert from 'node:assert/strict';
import { createHash, randomUUID } from 'node:crypto';
import { readFileSync, existsSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { chromium } from 'playwright-core';
import { CHROMIUM_FLAGS } from '../../dist/collector/audit/launch-browser.js';
import { verifyRegister } from '../../dist/collector/collector/verify-register.js';
import { BACKENDS } from './helpers/backends.mjs';
import { startLeakySite } from './helpers/leaky-site.mjs';

const VISITORS = 50;
const PARALLEL = 5;

const hex = (algorithm, text) => createHash(algorithm).update(text, 'utf8').digest('hex');

/** Every way the sentinel knows a typed e-mail can travel, and then some: what must never be stored. */
function canaryNeedles(typed) {
  const forms = new Set([typed, typed.trim(), typed.trim().toLowerCase()]);
  const needles = new Set();
  for (const form of forms) {
    needles.add(form);
    needles.add(encodeURIComponent(form));
    needles.add(Buffer.from(form).toString('base64'));
    needles.add(Buffer.from(form).toString('base64').replace(/=+$/, ''));
    for (const algorithm of ['sha256', 'sha1', 'md5']) needles.add(hex(algorithm, form));
  }
  // The part before the @ is unique per visitor too: a truncated value must not be there either.
  needles.add(typed.trim().split('@')[0].toLowerCase());
  return [...needles].map((needle) => needle.toLowerCase());
}

/** One visitor: a fresh browser context (its own cookies and storage, so its own consent id). */
async function visit(browser, site, email) {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(`${site.base}/`);
    await page.locator('samtycke-banner [data-control="accept-all"]').click();
    // The vendors' scripts run once marketing is granted.
    await page.waitForFunction(() => performance.getEntriesByType('resource').filter((entry) => /(pixel|ads)\.test:\d+\/\w+\.js/.test(entry.name)).length === 2);
    await page.locator('#email').fill(email);
    // The sentinel loaded on focus; make sure it has read the field before the vendors do (a person takes longer to click).
    await page.evaluate(async () => {
      const chunk = await import('/dist/samtycke-sentinel.js');
      for (;;) {
        const sentinel = chunk.runningSentinel();
        if (sentinel) return sentinel.track(document.getElementById('email'));
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    });
    const consentId = await page.evaluate(() => window.samtycke.state.consentId);
    const leaks = page.evaluate(
      () =>
        new Promise((resolve) => {
          const seen = [];
          document.addEventListener('samtycke:leak', (event) => {
            seen.push(event.detail.evidence.host);
            if (seen.length === 2) resolve(seen.sort());
          });
        }),
    );
    await page.locator('#newsletter button').click();
    assert.deepEqual(await leaks, ['ads.test', 'pixel.test']);
    // Stored first, then acknowledged by the collector: the queue empties.
    await page.waitForFunction(() => localStorage.getItem('samtycke:leaks') === null && localStorage.getItem('samtycke:proofs') === null);
    return consentId;
  } finally {
    await context.close();
  }
}

describe('browser to collector, on SQLite and PostgreSQL at once', () => {
  const stores = [];
  let site;
  let browser;
  const typed = [];
  const consentIds = [];

  before(async () => {
    for (const backend of BACKENDS) if (!backend.skip) stores.push({ backend, db: await backend.create() });
    site = await startLeakySite(stores.map(({ db }) => db.store));
    browser = await chromium.launch({
      executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
      args: [...CHROMIUM_FLAGS, '--host-resolver-rules=MAP *.test 127.0.0.1'],
    });
    const queue = Array.from({ length: VISITORS }, (_, index) => ` Visitor.${index}.${randomUUID().slice(0, 8)}@Example.se `);
    typed.push(...queue);
    await Promise.all(
      Array.from({ length: PARALLEL }, async () => {
        for (let email = queue.shift(); email !== undefined; email = queue.shift()) consentIds.push(await visit(browser, site, email));
      }),
    );
  });
  after(async () => {
    await browser?.close();
    await site?.close();
    for (const { db } of stores) await db.dispose();
  });

  test('positive control: every visitor decided, and the data left for both vendors', () => {
    assert.equal(new Set(consentIds).size, VISITORS, 'each visitor decided with a consent id of its own');
    assert.equal(site.hits.filter((hit) => hit.url.includes('/tr.gif?')).length, VISITORS);
    assert.equal(site.hits.filter((hit) => hit.url.endsWith('/collect')).length, VISITORS);
  });

  for (const backend of BACKENDS) {
    const db = () => stores.find((entry) => entry.backend === backend).db;

    test(`${backend.name}: 50 visitors leaking through one vendor make one incident with 50 affected visitors; a second vendor a second`, { skip: backend.skip }, async () => {
      const incidents = (await db().store.incidents.list()).sort((a, b) => a.host.localeCompare(b.host));
      assert.deepEqual(
        incidents.map(({ host, service, dataKind, visitors, occurrences, withoutConsentId, blocked, status }) => ({ host, service, dataKind, visitors, occurrences, withoutConsentId, blocked, status })),
        [
          { host: 'ads.test', service: 'ad-net', dataKind: 'email', visitors: VISITORS, occurrences: VISITORS, withoutConsentId: 0, blocked: 0, status: 'open' },
          { host: 'pixel.test', service: 'meta-pixel', dataKind: 'email', visitors: VISITORS, occurrences: VISITORS, withoutConsentId: 0, blocked: 0, status: 'open' },
        ],
      );
      const [ads, pixel] = incidents;
      const reports = async (incident) => (await db().store.incidents.entries(incident.id)).filter((row) => row.entry === 'report').map((row) => JSON.parse(row.content).report);
      assert.deepEqual([...new Set((await reports(pixel)).map((report) => report.encoding))], ['sha256']);
      assert.deepEqual([...new Set((await reports(ads)).map((report) => report.encoding))], ['base64']);
      assert.deepEqual(new Set((await reports(pixel)).map((report) => report.consentId)), new Set(consentIds), 'counted by the visitors\' consent ids');
      assert.deepEqual(await verifyRegister(db().store.incidents), { ok: true, entries: 2 * (VISITORS + 1), incidents: 2 });
    });

    test(`${backend.name}: nothing stored holds a typed value, in any encoding`, { skip: backend.skip }, async () => {
      const { sql, dbPath } = db();
      const tables = (await sql(
        backend.name === 'sqlite'
          ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'samtycke%'"
          : "SELECT tablename AS name FROM pg_tables WHERE tablename LIKE 'samtycke%'",
      )).map((row) => row.name);
      let dump = '';
      for (const table of tables) dump += JSON.stringify(await sql(backend.name === 'sqlite' ? `SELECT * FROM ${table}` : `SELECT t::text AS row FROM ${table} t`));
      dump = dump.toLowerCase();
      let files = '';
      if (dbPath) for (const suffix of ['', '-wal', '-shm']) if (existsSync(dbPath + suffix)) files += readFileSync(dbPath + suffix).toString('latin1').toLowerCase();
      // Positive controls: the search reads what was stored (a consent id, a host, in the tables and, on SQLite, the files).
      for (const control of [consentIds[0], 'pixel.test', 'normalised']) {
        assert.ok(dump.includes(control), `the dump holds ${control}`);
        if (dbPath) assert.ok(files.includes(control), `the database files hold ${control}`);
      }
      for (const email of typed) {
        for (const needle of canaryNeedles(email)) {
          assert.ok(!dump.includes(needle), `a table holds ${needle} (from ${email.trim()})`);
          assert.ok(!files.includes(needle), `a database file holds ${needle} (from ${email.trim()})`);
        }
      }
    });
  }
});
