// Property-based tests (fast-check, seeded): at least 10,000 generated proof records per run go
// through the collector's validation and both stores. Invariants: validation never throws; the
// collector never answers 5xx; SQLite and PostgreSQL give the same answer to every batch; a batch
// with a hostile value is refused (400); and both logs verify at the end.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { createCollector } from '../../dist/collector/collector/collector.js';
import { parseProofBody } from '../../dist/collector/collector/proof-record.js';
import { verifyChain } from '../../dist/collector/collector/verify-chain.js';
import { BACKENDS } from './helpers/backends.mjs';
import { post } from './helpers/fixtures.mjs';

const SEED = Number(process.env.SAMTYCKE_PROPERTY_SEED ?? 20261130);
const RUNS = 250;
const MIN_RECORDS = 10_000;

const sha256 = (text) => createHash('sha256').update(text, 'utf8').digest('hex');
const noNul = (text) => !text.includes('\u0000');

const categoryKey = fc.oneof(fc.constantFrom('necessary', 'analytics', 'marketing', 'media', 'constructor', 'toString'), fc.string({ minLength: 1, maxLength: 12 }).filter(noNul));
const cleanText = fc.string({ unit: 'grapheme', maxLength: 120 }).filter(noNul);

const record = fc
  .record(
    {
      recordId: fc.uuid({ version: 4 }),
      consentId: fc.uuid({ version: 4 }),
      action: fc.constantFrom('accept', 'reject', 'custom', 'withdraw', 'renew', 'dismiss', 'embed'),
      choices: fc.dictionary(categoryKey, fc.boolean(), { maxKeys: 5 }),
      services: fc.dictionary(categoryKey, fc.boolean(), { maxKeys: 3 }),
      revision: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 20 }).filter(noNul),
      locale: fc.constantFrom('sv-SE', 'en', 'de-DE', 'fr', 'und'),
      text: cleanText,
      gpc: fc.boolean(),
      page: fc.constantFrom('https://shop.example/', 'https://shop.example/cart', 'http://localhost:8080/p'),
      timestamp: fc.date({ min: new Date('2024-01-01T00:00:00Z'), max: new Date('2030-01-01T00:00:00Z'), noInvalidDate: true }).map((date) => date.toISOString()),
      control: cleanText,
      layer: fc.constantFrom('banner', 'preferences', 'placeholder', 'api'),
      userActivation: fc.boolean(),
      libraryVersion: fc.constant('0.1.0'),
    },
    { requiredKeys: ['recordId', 'consentId', 'action', 'choices', 'revision', 'locale', 'gpc', 'page', 'timestamp', 'userActivation', 'libraryVersion'] },
  )
  .map((value) => ({ ...value, textHash: sha256(value.text ?? '') }));

/** A copy of `object` with an own "__proto__" key, as JSON.parse makes it from a request body. */
function withProtoKey(object, value) {
  return Object.assign(JSON.parse(`{"__proto__":${value}}`), object);
}

/** One hostile change that must make the collector refuse the batch. */
const hostile = fc.oneof(
  fc.constant((r) => ({ ...r, text: `${r.text ?? ''}\ud800`, textHash: sha256(`${r.text ?? ''}\ud800`) })),
  fc.constant((r) => ({ ...r, revision: `\udfff${r.revision}` })),
  fc.constant((r) => ({ ...r, text: 'a\u0000b', textHash: sha256('a\u0000b') })),
  fc.constant((r) => ({ ...r, choices: { ...r.choices, ['k\u0000']: true } })),
  fc.constant((r) => ({ ...r, consentId: `${r.consentId.slice(0, 35)}\u0000` })),
  fc.constant((r) => ({ ...r, choices: withProtoKey(r.choices, true) })),
  fc.constant((r) => ({ ...r, services: withProtoKey(r.services ?? {}, false) })),
);

const batch = fc.record({
  records: fc.array(record, { minLength: 1, maxLength: 100, size: 'max' }),
  mutation: fc.option(fc.record({ change: hostile, at: fc.nat() }), { freq: 3 }),
});

describe('generated proof records against validation and both stores', { skip: BACKENDS.some((backend) => backend.skip) && 'needs both stores' }, () => {
  const sides = [];
  before(async () => {
    for (const backend of BACKENDS) {
      const db = await backend.create({ chains: backend.name === 'postgres' ? 4 : undefined });
      const collector = createCollector({ store: db.store, rateLimit: false, retentionIntervalMs: 0, log: () => {} });
      sides.push({ db, collector, base: `http://127.0.0.1:${await collector.start(0)}` });
    }
  });
  after(async () => {
    for (const side of sides) {
      await side.collector.close();
      await side.db.dispose();
    }
  });

  test(`${RUNS} batches, at least ${MIN_RECORDS} records, seed ${SEED}`, async () => {
    let records = 0;
    const accepted = new Set();
    await fc.assert(
      fc.asyncProperty(batch, async ({ records: generated, mutation }) => {
        const list = [...generated];
        if (mutation) list[mutation.at % list.length] = mutation.change(list[mutation.at % list.length]);
        records += list.length;
        const body = JSON.stringify({ records: list });
        const expected = parseProofBody(JSON.parse(body)); // never throws
        const answers = [];
        for (const side of sides) answers.push(await post(side.base, body, { raw: true }));
        const statuses = answers.map((answer) => answer.status);
        assert.ok(statuses.every((status) => status < 500), `5xx: ${answers.map((answer) => answer.text).join(' | ')}`);
        assert.equal(new Set(statuses).size, 1, `stores disagree: ${statuses.join(' vs ')}`);
        assert.equal(statuses[0], expected.ok ? 200 : 400, answers[0].text);
        if (mutation) assert.equal(statuses[0], 400, 'a hostile value is refused');
        if (expected.ok) for (const entry of list) accepted.add(entry.recordId);
      }),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );
    assert.ok(records >= MIN_RECORDS, `only ${records} records were generated`);
    for (const side of sides) {
      const verified = await verifyChain(side.db.store);
      assert.equal(verified.ok, true, verified.reason);
      assert.equal(verified.count, accepted.size);
    }
  });
});
