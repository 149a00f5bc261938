import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createCollector } from '../../dist/collector/collector/collector.js';
import { prepareProofs } from '../../dist/collector/collector/prepare-proof.js';
import { applyRetention } from '../../dist/collector/collector/retention.js';
import { chainFor } from '../../dist/collector/collector/chain-key.js';
import { verifyChain } from '../../dist/collector/collector/verify-chain.js';
import { BACKENDS } from './helpers/backends.mjs';
import { TEXT, makeRecord, post, runCli, sha256 } from './helpers/fixtures.mjs';

const TOKEN = 'test-admin-token';
const auth = { authorization: `Bearer ${TOKEN}` };

for (const backend of BACKENDS) {
  describe(`collector API on ${backend.name}`, { skip: backend.skip }, () => {
    let db;
    let collector;
    let base;

    before(async () => {
      db = await backend.create();
      collector = createCollector({
        store: db.store,
        adminToken: TOKEN,
        corsOrigins: ['https://shop.example'],
        rateLimit: false,
        retentionIntervalMs: 0,
        log: () => {},
      });
      base = `http://127.0.0.1:${await collector.start(0)}`;
    });
    after(async () => {
      await collector?.close();
      await db?.dispose();
    });

    async function start(options) {
      const extra = createCollector({ store: db.store, retentionIntervalMs: 0, log: () => {}, ...options });
      const port = await extra.start(0);
      return { base: `http://127.0.0.1:${port}`, close: () => extra.close() };
    }

    test('stores one record and answers with its id after commit', async () => {
      const record = makeRecord({ text: TEXT });
      const response = await post(base, record);
      assert.equal(response.status, 200, response.text);
      assert.deepEqual(response.body.stored, [record.recordId]);
      const row = await db.store.findByRecordId(record.recordId);
      assert.ok(row, 'row is in the store');
      assert.equal(JSON.parse(row.content).text, undefined, 'the text is not repeated in the row');
      assert.equal(await db.store.getText(record.textHash), TEXT);
    });

    test('accepts an array and {records}, and is idempotent by recordId', async () => {
      const a = makeRecord();
      const b = makeRecord();
      const before = await db.store.count();
      assert.deepEqual((await post(base, [a, b])).body.stored, [a.recordId, b.recordId]);
      const again = await post(base, { records: [b, a, a] });
      assert.equal(again.status, 200);
      assert.deepEqual(again.body.stored, [b.recordId, a.recordId]);
      assert.deepEqual(again.body.duplicates.sort(), [a.recordId, b.recordId].sort());
      assert.equal(await db.store.count(), before + 2, 'no second copy');
    });

    test('stores each distinct text once', async () => {
      const text = `Cookie text ${Math.random()}`;
      const records = [1, 2, 3].map(() => makeRecord({ text, textHash: sha256(text) }));
      assert.equal((await post(base, records)).status, 200);
      const rows = await db.sql(`SELECT COUNT(*) AS n FROM samtycke_texts WHERE text_hash = '${sha256(text)}'`);
      assert.equal(Number(rows[0].n), 1);
    });

    const invalid = [
      ['an unknown field, named in the message', { trackingId: 'x' }, /unknown field: trackingId/],
      ['a recordId that is not a uuid', { recordId: 'abc' }, /recordId: Invalid UUID/],
      ['an unknown action', { action: 'maybe' }, /action: Invalid option/],
      ['a non-boolean choice', { choices: { analytics: 'yes' } }, /choices\.analytics: Invalid input: expected boolean/],
      ['an uppercase textHash', { textHash: sha256('x').toUpperCase() }, /textHash/],
      ['a text that does not match textHash', { text: 'another text' }, /sha256\(text\) does not equal textHash/],
      ['a page with a query string', { page: 'https://shop.example/?utm=1' }, /page: Invalid page/],
      ['a page that is not a URL', { page: '/relative/path' }, /page: Invalid page/],
      ['a local-time timestamp', { timestamp: '2026-01-01T10:00:00+02:00' }, /timestamp/],
      ['a revision over 64 characters', { revision: 'r'.repeat(65) }, /revision/],
      ['an e-mail address in a field', { control: 'mail anna.svensson@example.se' }, /control: looks like an e-mail address/],
      ['an IPv4 address in the page', { page: 'https://shop.example/u/192.168.10.20' }, /page: looks like an IP address/],
      ['an IPv6 address in a key', { choices: { '2001:db8::1': true } }, /looks like an IP address/],
      ['a missing field', { gpc: undefined }, /gpc: Invalid input: expected boolean/],
    ];
    for (const [name, overrides, message] of invalid) {
      test(`refuses ${name} with 400`, async () => {
        const response = await post(base, makeRecord(overrides));
        assert.equal(response.status, 400, response.text);
        assert.equal(response.body.error, 'invalid_record');
        assert.match(response.body.message, message);
        assert.ok(response.body.issues.length > 0);
      });
    }

    const hostile = [
      ['a text with a lone UTF-16 surrogate', () => { const text = 'Cookies \ud800 here'; return { text, textHash: sha256(text) }; }, 'text', 'lone_surrogate'],
      ['a lone low surrogate in a choice key', () => ({ choices: { ['a\udc00']: true } }), 'choices.a\udc00 (key)', 'lone_surrogate'],
      ['a NUL in the text', () => { const text = 'Cookies\u0000here'; return { text, textHash: sha256(text) }; }, 'text', 'nul_character'],
      ['a NUL in an id', () => ({ recordId: '00000000-0000-4000-8000-00000000000\u0000' }), 'recordId', 'nul_character'],
      ['a NUL in a choice key', () => ({ choices: { ['analytics\u0000']: true } }), 'choices.analytics\u0000 (key)', 'nul_character'],
    ];
    for (const [name, overrides, path, code] of hostile) {
      test(`refuses ${name} with 400, on every store alike, and verify stays clean`, async () => {
        const good = makeRecord();
        const response = await post(base, [good, makeRecord(overrides())]);
        assert.equal(response.status, 400, response.text);
        assert.equal(response.body.error, 'invalid_record');
        assert.deepEqual(response.body.issues.map((issue) => [issue.index, issue.path, issue.code]), [[1, path, code]]);
        assert.equal(await db.store.findByRecordId(good.recordId), undefined, 'the batch is refused whole');
        assert.equal((await post(base, good)).status, 200, 'the next batch goes through');
        const verified = await verifyChain(db.store);
        assert.equal(verified.ok, true, verified.reason);
      });
    }

    test('refuses "__proto__" keys in choices and services instead of dropping them', async () => {
      for (const field of ['choices', 'services']) {
        const body = JSON.stringify(makeRecord({ [field]: { analytics: true } })).replace('{"analytics":true}', '{"analytics":true,"__proto__":true}');
        const response = await post(base, body, { raw: true });
        assert.equal(response.status, 400, response.text);
        assert.deepEqual(response.body.issues.map((issue) => [issue.path, issue.code]), [[`${field}.__proto__`, 'reserved_key']]);
      }
    });

    test('percent-escapes that do not decode, and ids that are not UUIDs, are a 400, not a 500', async () => {
      for (const path of ['/admin/proofs/%E0%A4%A', '/admin/proofs/%FF', '/admin/proofs/%']) {
        const response = await fetch(`${base}${path}`, { headers: auth });
        assert.equal(response.status, 400, path);
        assert.equal((await response.json()).error, 'invalid_path');
      }
      assert.equal((await fetch(`${base}/admin/proofs/%00`, { headers: auth })).status, 404);
      for (const query of ['consentId=%00', 'recordId=%E0%A4%A', 'consentId=abc']) {
        const response = await fetch(`${base}/v1/proofs?${query}`, { headers: auth });
        assert.equal(response.status, 400, query);
      }
    });

    test('trusted proxies: the client address is the rightmost hop they appended, never the leftmost', async () => {
      const behindProxy = await start({ ipMode: 'truncate', trustProxy: ['127.0.0.1', '10.0.0.0/8'] });
      try {
        const record = makeRecord();
        // The client wrote 6.6.6.6; the trusted proxy 10.1.2.3 appended the address it saw.
        const response = await post(behindProxy.base, record, { headers: { 'x-forwarded-for': '6.6.6.6, 203.0.113.9, 10.1.2.3' } });
        assert.equal(response.status, 200);
        assert.equal((await db.store.findByRecordId(record.recordId)).clientIp, '203.0.113.0/24');
      } finally {
        await behindProxy.close();
      }
      const direct = await start({ ipMode: 'truncate' });
      try {
        const record = makeRecord();
        await post(direct.base, record, { headers: { 'x-forwarded-for': '203.0.113.9' } });
        assert.equal((await db.store.findByRecordId(record.recordId)).clientIp, '127.0.0.0/24', 'without trusted proxies the header is ignored');
      } finally {
        await direct.close();
      }
    });

    test('refuses a whole batch when one record is invalid, naming its index', async () => {
      const good = makeRecord();
      const response = await post(base, [good, makeRecord({ extra: 1 })]);
      assert.equal(response.status, 400);
      assert.match(response.body.message, /record 1: unknown field: extra/);
      assert.equal(await db.store.findByRecordId(good.recordId), undefined);
    });

    test('refuses bodies that are not records', async () => {
      assert.equal((await post(base, [])).status, 400);
      assert.equal((await post(base, 'just a string')).status, 400);
      assert.equal((await post(base, { records: 'nope' })).status, 400);
      assert.equal((await post(base, null)).status, 400);
    });

    test('refuses more than 100 records in a batch', async () => {
      const response = await post(base, Array.from({ length: 101 }, () => makeRecord()));
      assert.equal(response.status, 413);
      assert.equal(response.body.error, 'batch_too_large');
    });

    test('malformed JSON → 400, wrong content type → 415, text/plain (sendBeacon) accepted', async () => {
      const broken = await post(base, '{"recordId":', { raw: true });
      assert.equal(broken.status, 400);
      assert.equal(broken.body.error, 'malformed_json');
      const form = await post(base, 'a=b', { raw: true, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
      assert.equal(form.status, 415);
      const record = makeRecord();
      const beacon = await post(base, record, { headers: { 'content-type': 'text/plain;charset=UTF-8' } });
      assert.equal(beacon.status, 200);
    });

    test('bodies over 256 KB → 413 and the service keeps answering', async () => {
      const huge = JSON.stringify([makeRecord({ control: 'x'.repeat(300 * 1024) })]);
      const response = await post(base, huge, { raw: true }).catch((error) => ({ status: `network error ${error.message}` }));
      assert.equal(response.status, 413);
      assert.equal((await post(base, makeRecord())).status, 200);
    });

    test('CORS: allow-listed origin gets headers, others are refused', async () => {
      const preflight = await fetch(`${base}/v1/proofs`, {
        method: 'OPTIONS',
        headers: { origin: 'https://shop.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
      });
      assert.equal(preflight.status, 204);
      assert.equal(preflight.headers.get('access-control-allow-origin'), 'https://shop.example');
      assert.match(preflight.headers.get('access-control-allow-methods'), /POST/);
      assert.match(preflight.headers.get('access-control-allow-headers'), /content-type/);

      const badPreflight = await fetch(`${base}/v1/proofs`, {
        method: 'OPTIONS',
        headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
      });
      assert.equal(badPreflight.status, 403);
      assert.equal(badPreflight.headers.get('access-control-allow-origin'), null);

      const allowed = await post(base, makeRecord(), { headers: { origin: 'https://shop.example' } });
      assert.equal(allowed.status, 200);
      assert.equal(allowed.headers.get('access-control-allow-origin'), 'https://shop.example');
      const refused = makeRecord();
      const denied = await post(base, refused, { headers: { origin: 'https://evil.example' } });
      assert.equal(denied.status, 403);
      assert.equal(await db.store.findByRecordId(refused.recordId), undefined);
    });

    test('rate limit per client → 429 with Retry-After', async () => {
      const limited = await start({ rateLimit: { capacity: 3, refillPerSecond: 0.1 } });
      try {
        const statuses = [];
        let last;
        for (let i = 0; i < 5; i += 1) {
          last = await post(limited.base, makeRecord());
          statuses.push(last.status);
        }
        assert.deepEqual(statuses, [200, 200, 200, 429, 429]);
        assert.ok(Number(last.headers.get('retry-after')) >= 1);
        assert.equal(last.body.error, 'rate_limited');
      } finally {
        await limited.close();
      }
    });

    test('reads need the bearer token; without a configured token they are disabled', async () => {
      const record = makeRecord();
      await post(base, record);
      const url = `${base}/v1/proofs?consentId=${record.consentId}`;
      assert.equal((await fetch(url)).status, 401);
      assert.equal((await fetch(url, { headers: { authorization: 'Bearer wrong' } })).status, 401);
      const ok = await fetch(url, { headers: auth });
      assert.equal(ok.status, 200);
      const body = await ok.json();
      assert.equal(body.proofs.length, 1);
      assert.equal(body.proofs[0].recordId, record.recordId);
      assert.match(body.proofs[0].chainHash, /^[0-9a-f]{64}$/);

      const noToken = await start({ adminToken: undefined });
      try {
        const disabled = await fetch(`${noToken.base}/v1/proofs?consentId=${record.consentId}`, { headers: auth });
        assert.equal(disabled.status, 403);
        assert.equal((await fetch(`${noToken.base}/admin`, { headers: auth })).status, 403);
      } finally {
        await noToken.close();
      }
    });

    test('admin pages list decisions and show one with its text, escaped', async () => {
      const hostileText = 'Banner <script>alert(1)</script> & "quotes"';
      const record = makeRecord({ control: '<img src=x onerror=alert(1)>', text: hostileText, textHash: sha256(hostileText) });
      assert.equal((await post(base, record)).status, 200);
      assert.equal((await fetch(`${base}/admin`)).status, 401);
      const basic = { authorization: `Basic ${Buffer.from(`admin:${TOKEN}`).toString('base64')}` };
      const list = await fetch(`${base}/admin`, { headers: basic });
      assert.equal(list.status, 200);
      assert.match(list.headers.get('content-security-policy'), /default-src 'none'/);
      assert.ok((await list.text()).includes(record.recordId));
      const page = await fetch(`${base}/admin/proofs/${record.recordId}`, { headers: auth });
      assert.equal(page.status, 200);
      const html = await page.text();
      assert.ok(!html.includes('<script>alert'), 'text is escaped');
      assert.ok(!html.includes('<img src=x'), 'fields are escaped');
      assert.ok(html.includes('Banner &#60;script&#62;alert(1)&#60;/script&#62; &#38; &#34;quotes&#34;'));
      assert.equal((await fetch(`${base}/admin/proofs/nope`, { headers: auth })).status, 404);
    });

    test('consent statistics: per day by action, layer, revision and locale, as an inline chart and CSV', async () => {
      const revision = `stats-${Math.random().toString(36).slice(2, 10)}`;
      const today = new Date().toISOString().slice(0, 10);
      const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
      const at = (day) => `${day}T12:00:00.000Z`;
      const records = [
        makeRecord({ revision, action: 'accept', layer: 'banner', locale: 'sv-SE', timestamp: at(today) }),
        makeRecord({ revision, action: 'accept', layer: 'banner', locale: 'sv-SE', timestamp: at(today) }),
        makeRecord({ revision, action: 'reject', layer: 'banner', locale: 'en', timestamp: at(today) }),
        makeRecord({ revision, action: 'custom', layer: 'preferences', locale: 'en', timestamp: at(yesterday) }),
        makeRecord({ revision, action: 'withdraw', layer: 'preferences', locale: 'de', timestamp: at(yesterday) }),
        makeRecord({ revision, action: 'dismiss', layer: 'banner', locale: 'de', timestamp: at(yesterday) }),
      ];
      assert.equal((await post(base, records)).status, 200);
      const csv = await fetch(`${base}/admin/stats.csv?days=7`, { headers: auth });
      assert.equal(csv.status, 200);
      assert.match(csv.headers.get('content-type'), /^text\/csv/);
      const lines = (await csv.text()).trim().split('\r\n');
      assert.equal(lines[0], 'day,action,layer,revision,locale,count');
      const mine = lines.filter((line) => line.includes(revision)).sort();
      assert.deepEqual(mine, [
        `${today},accept,banner,${revision},sv-SE,2`,
        `${today},reject,banner,${revision},en,1`,
        `${yesterday},custom,preferences,${revision},en,1`,
        `${yesterday},dismiss,banner,${revision},de,1`,
        `${yesterday},withdraw,preferences,${revision},de,1`,
      ].sort());

      const page = await fetch(`${base}/admin/stats?by=layer&days=7`, { headers: auth });
      assert.equal(page.status, 200);
      assert.match(page.headers.get('content-security-policy'), /default-src 'none'/);
      const html = await page.text();
      assert.match(html, /<svg role="img" aria-label="Decisions per day by layer/);
      assert.match(html, /<title>[^<]*preferences: \d+<\/title>/);
      assert.ok(!/<script/i.test(html), 'no script on the page');
      assert.ok(html.includes(revision), 'the revision table lists it');
      assert.equal((await fetch(`${base}/admin/stats?by=ip`, { headers: auth })).status, 400);
      assert.equal((await fetch(`${base}/admin/stats?days=9999`, { headers: auth })).status, 400);
      assert.equal((await fetch(`${base}/admin/stats.csv`)).status, 401);
    });

    test('renews the decision cookie it was sent, when it matches an acknowledged record', async () => {
      const renewing = await start({ decisionCookie: { name: 'samtycke', retentionDays: 182 } });
      try {
        const decidedAt = Date.now() - 10 * 86_400_000;
        const record = makeRecord({ action: 'custom', timestamp: new Date(decidedAt).toISOString(), choices: { necessary: true, analytics: true, marketing: false } });
        const decision = { v: 1, id: record.consentId, r: record.revision, t: decidedAt, c: { analytics: 1, marketing: 0 }, h: 'abc123' };
        // As js-cookie writes it: percent-encoded where a cookie value needs it.
        const raw = encodeURIComponent(JSON.stringify(decision)).replace(/%(2[346BF]|3[AC-F]|40|5[BDE]|60|7[BCD])/g, decodeURIComponent);
        const send = (cookie, headers = {}) => post(renewing.base, record, { headers: { cookie: `other=1; samtycke=${cookie}`, ...headers } });

        const answer = await send(raw);
        assert.equal(answer.status, 200);
        const header = answer.headers.get('set-cookie');
        assert.ok(header, 'Set-Cookie is sent');
        const [pair, ...attributes] = header.split('; ');
        assert.equal(pair, `samtycke=${raw}`, 'same name and value');
        const maxAge = Number(attributes.find((part) => part.startsWith('Max-Age=')).slice(8));
        assert.ok(Math.abs(maxAge - 172 * 86400) <= 5, `the rest of 182 days from the decision, got ${maxAge} s`);
        assert.ok(attributes.includes('Path=/') && attributes.includes('SameSite=Lax'));
        assert.ok(!attributes.some((part) => /httponly/i.test(part)), 'readable by the head script');
        assert.ok(!attributes.includes('Secure'), 'plain http here');
        assert.ok((await send(raw, { origin: 'https://shop.example' })).headers.get('set-cookie') === null, 'never for another origin');
        // Behind a TLS-terminating proxy the page is https on the same host: then the cookie is Secure.
        const httpsPage = await send(raw, { origin: renewing.base.replace('http:', 'https:') });
        assert.match(httpsPage.headers.get('set-cookie'), /; Secure$/);

        const refused = [
          ['grants more', { ...decision, c: { analytics: 1, marketing: 1 } }],
          ['another visitor', { ...decision, id: makeRecord().consentId }],
          ['another time', { ...decision, t: decidedAt - 1 }],
          ['another revision', { ...decision, r: '2020-01-01' }],
          ['an extra field', { ...decision, x: 1 }],
        ];
        for (const [name, value] of refused) {
          const response = await send(encodeURIComponent(JSON.stringify(value)));
          assert.equal(response.status, 200);
          assert.equal(response.headers.get('set-cookie'), null, name);
        }
        assert.equal((await send('%E0%A4%A')).headers.get('set-cookie'), null, 'an undecodable cookie');
        const expired = makeRecord({ timestamp: new Date(Date.now() - 200 * 86_400_000).toISOString() });
        const old = { ...decision, id: expired.consentId, r: expired.revision, t: Date.parse(expired.timestamp), c: { analytics: 1, marketing: 0 } };
        const late = await post(renewing.base, expired, { headers: { cookie: `samtycke=${encodeURIComponent(JSON.stringify(old))}` } });
        assert.equal(late.headers.get('set-cookie'), null, 'past its renewal period');
      } finally {
        await renewing.close();
      }
      assert.equal((await post(base, makeRecord(), { headers: { cookie: 'samtycke=x' } })).headers.get('set-cookie'), null, 'off unless configured');
    });

    test('exports a period as NDJSON and CSV', async () => {
      const inside = makeRecord({ timestamp: '2025-03-10T12:00:00.000Z', control: 'a,"b"' });
      const outside = makeRecord({ timestamp: '2025-05-01T00:00:00Z' });
      assert.equal((await post(base, [inside, outside])).status, 200);
      const query = 'from=2025-03-01T00:00:00Z&to=2025-04-01T00:00:00Z';
      const ndjson = await fetch(`${base}/v1/export?${query}&format=ndjson`, { headers: auth });
      assert.equal(ndjson.status, 200);
      assert.match(ndjson.headers.get('content-type'), /ndjson/);
      const lines = (await ndjson.text()).trim().split('\n').map((line) => JSON.parse(line));
      assert.deepEqual(lines.map((line) => line.recordId), [inside.recordId]);
      assert.equal(lines[0].control, 'a,"b"');

      const csv = await fetch(`${base}/v1/export?${query}&format=csv`, { headers: auth });
      const rows = (await csv.text()).trim().split('\r\n');
      assert.equal(rows.length, 2);
      assert.match(rows[0], /^chain,position,recordId,consentId,timestamp,action,choices/);
      assert.ok(rows[1].includes(inside.recordId));
      assert.ok(rows[1].includes('"a,""b"""'), 'fields with commas and quotes are quoted');
      assert.equal((await fetch(`${base}/v1/export?format=xml`, { headers: auth })).status, 400);
      assert.equal((await fetch(`${base}/v1/export?from=yesterday`, { headers: auth })).status, 400);
      assert.equal((await fetch(`${base}/v1/export`)).status, 401);
    });

    test('unknown routes and methods get 404/405 JSON', async () => {
      assert.equal((await fetch(`${base}/nope`)).status, 404);
      assert.equal((await fetch(`${base}/v1/proofs`, { method: 'DELETE' })).status, 405);
    });

    test('IP mode truncate stores only the network', async () => {
      const truncating = await start({ ipMode: 'truncate', adminToken: TOKEN });
      try {
        const record = makeRecord();
        assert.equal((await post(truncating.base, record)).status, 200);
        const row = await db.store.findByRecordId(record.recordId);
        assert.equal(row.clientIp, '127.0.0.0/24');
      } finally {
        await truncating.close();
      }
      const plain = makeRecord();
      await post(base, plain);
      assert.equal((await db.store.findByRecordId(plain.recordId)).clientIp, null);
    });

    test('verify: intact chain is OK; the log refuses updates', async () => {
      const result = await verifyChain(db.store);
      assert.equal(result.ok, true, result.reason);
      assert.equal(result.count, await db.store.count());
      const cli = await runCli(['verify', ...db.cliArgs], db.env);
      assert.equal(cli.code, 0, cli.stdout + cli.stderr);
      assert.match(cli.stdout, new RegExp(`^OK: ${result.count} records`));
      await assert.rejects(db.sql(`UPDATE samtycke_proofs SET action = 'reject' WHERE pos = 1`), /append-only/);
    });
  });

  describe(`chains, tampering and retention on ${backend.name}`, { skip: backend.skip }, () => {
    const chains = backend.name === 'postgres' ? 4 : 1;
    let db;
    let collector;
    let base;
    before(async () => {
      db = await backend.create({ chains });
      collector = createCollector({ store: db.store, rateLimit: false, retentionIntervalMs: 0, log: () => {} });
      base = `http://127.0.0.1:${await collector.start(0)}`;
    });
    after(async () => {
      await collector?.close();
      await db?.dispose();
    });

    const disableTrigger =
      backend.name === 'sqlite'
        ? 'DROP TRIGGER IF EXISTS samtycke_proofs_append_only'
        : 'ALTER TABLE samtycke_proofs DISABLE TRIGGER samtycke_proofs_append_only';

    // First: rows of a chain never go back in time, so the old rows must come before any new one.
    test('retention deletes old records, anchors each chain at the cut, and verify stays OK', async () => {
      // PostgreSQL: give the old month its own partition, so retention drops it whole.
      await db.store.maintain(new Date('2023-01-15T00:00:00.000Z'));
      const old = [1, 2, 3, 4].map(() => makeRecord({ timestamp: '2023-01-01T00:00:00.000Z' }));
      const prepared = prepareProofs(old, null, chains);
      await db.store.append(prepared.proofs, prepared.texts, '2023-01-01T00:00:05.000Z');
      const fresh = [1, 2, 3].map(() => makeRecord());
      assert.equal((await post(base, fresh)).status, 200);
      const before = await db.store.count();

      const result = await applyRetention(db.store, 19);
      assert.equal(result.deleted, 4);
      assert.equal(result.anchors.length, new Set(prepared.proofs.map((proof) => proof.chain)).size);
      for (const record of old) assert.equal(await db.store.findByRecordId(record.recordId), undefined);
      for (const record of fresh) assert.ok(await db.store.findByRecordId(record.recordId));
      if (backend.name === 'postgres') {
        const left = await db.sql(`SELECT to_regclass('samtycke_proofs_2023_01') AS found`);
        assert.equal(left[0].found, null, 'the month partition was dropped');
      }

      const verified = await verifyChain(db.store);
      assert.equal(verified.ok, true, verified.reason);
      assert.equal(verified.count, before - 4);
      assert.equal((await applyRetention(db.store, 19)).deleted, 0, 'nothing more is due');

      assert.equal((await post(base, [makeRecord(), makeRecord()])).status, 200);
      const cli = await runCli(['verify', ...db.cliArgs], db.env);
      assert.equal(cli.code, 0, cli.stdout + cli.stderr);
      assert.match(cli.stdout, new RegExp(`OK: ${before - 2} records in ${chains} chains?, intact \\(\\d+ from their retention anchor\\)`));
    });

    test('each answer names the chain and position of every record; the chain follows the consent id', async () => {
      const consentId = makeRecord().consentId;
      const records = [1, 2, 3].map(() => makeRecord({ consentId }));
      const response = await post(base, records);
      assert.equal(response.status, 200, response.text);
      assert.equal(response.body.receipts.length, 3);
      const [first, second, third] = response.body.receipts;
      assert.equal(first.chain, chainFor(consentId, chains));
      assert.ok(first.chain === second.chain && second.chain === third.chain);
      assert.deepEqual([second.position - first.position, third.position - second.position], [1, 1]);
      const row = await db.store.findByRecordId(records[1].recordId);
      assert.deepEqual({ chain: row.chain, position: row.position, chainHash: row.chainHash }, { chain: second.chain, position: second.position, chainHash: second.chainHash });
      const again = await post(base, records[0]);
      assert.deepEqual(again.body.duplicates, [records[0].recordId]);
      assert.deepEqual(again.body.receipts, [first], 'a duplicate is answered with its original place');
      if (chains > 1) {
        const spread = new Set();
        for (let i = 0; i < 40; i += 1) spread.add(chainFor(makeRecord().consentId, chains));
        assert.equal(spread.size, chains, 'consent ids spread over every chain');
      }
    });

    test('tampering with one row makes verify name that row', async () => {
      const target = (await db.store.listRecent(3))[2];
      const where = `chain = ${target.chain} AND pos = ${target.position}`;
      await db.sql(disableTrigger);
      await db.sql(`UPDATE samtycke_proofs SET content = replace(content, '"analytics":true', '"analytics":false') WHERE ${where}`);
      const cli = await runCli(['verify', ...db.cliArgs], db.env);
      assert.equal(cli.code, 1, cli.stdout + cli.stderr);
      assert.match(
        cli.stdout,
        new RegExp(`BROKEN at chain ${target.chain} position ${target.position} \\(record ${target.recordId}\\): content does not match its contentHash`),
      );

      // Rewriting the content hash to match still breaks the chain at that row.
      const content = (await db.sql(`SELECT content FROM samtycke_proofs WHERE ${where}`))[0].content;
      await db.sql(`UPDATE samtycke_proofs SET content_hash = '${sha256(content)}' WHERE ${where}`);
      const second = await verifyChain(db.store);
      assert.equal(second.ok, false);
      assert.deepEqual([second.chain, second.position], [target.chain, target.position]);
      assert.match(second.reason, /chainHash does not follow/);
    });

    test('a deleted row in the middle is named as missing, a cut tail too', async () => {
      const other = await backend.create();
      try {
        const records = [1, 2, 3, 4, 5].map(() => makeRecord());
        const prepared = prepareProofs(records, null);
        await other.store.append(prepared.proofs, prepared.texts, new Date().toISOString());
        await other.sql('DELETE FROM samtycke_proofs WHERE chain = 0 AND pos = 3');
        const result = await verifyChain(other.store);
        assert.equal(result.ok, false);
        assert.deepEqual([result.chain, result.position], [0, 3]);
        assert.match(result.reason, /position 3 is missing/);
        await other.sql('DELETE FROM samtycke_proofs WHERE chain = 0 AND pos >= 3');
        const truncated = await verifyChain(other.store);
        assert.equal(truncated.ok, false);
        assert.match(truncated.reason, /chain ends at position 2 but its recorded head is position 5/);
      } finally {
        await other.dispose();
      }
    });
  });
}
