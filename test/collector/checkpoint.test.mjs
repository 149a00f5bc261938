// Signed checkpoints (C2SP tlog-checkpoint in a signed note): signing, serving, and
// `samtycke verify --checkpoint`, which catches what plain verification cannot: a chain rewritten
// consistently after a checkpoint was published.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { checkpointText, createCheckpoint, merkleTreeHash, parseCheckpoint } from '../../dist/collector/collector/checkpoint.js';
import { createCollector } from '../../dist/collector/collector/collector.js';
import { prepareProofs } from '../../dist/collector/collector/prepare-proof.js';
import { applyRetention } from '../../dist/collector/collector/retention.js';
import { generateNoteKey, openNote, parseSignerKey, parseVerifierKey, signNote } from '../../dist/collector/collector/signed-note.js';
import { verifyChain } from '../../dist/collector/collector/verify-chain.js';
import { BACKENDS } from './helpers/backends.mjs';
import { makeRecord, post, runCli, sha256, spawnCollector } from './helpers/fixtures.mjs';

const ORIGIN = 'shop.example/consent-log';
const dir = mkdtempSync(join(tmpdir(), 'samtycke-checkpoint-'));

describe('signed notes and checkpoint texts', () => {
  test('sign and open round trip; key ids, rotation and tampering', () => {
    const first = generateNoteKey(ORIGIN);
    const second = generateNoteKey(ORIGIN);
    const signer = parseSignerKey(first.signerKey);
    assert.match(first.verifierKey, /^shop\.example\/consent-log\+[0-9a-f]{8}\+[A-Za-z0-9+/]+=*$/);
    const note = signNote('hello\nworld\n', [signer, parseSignerKey(second.signerKey)]);
    assert.match(note, /^hello\nworld\n\n\u2014 shop\.example\/consent-log [A-Za-z0-9+/=]+\n\u2014 shop\.example\/consent-log [A-Za-z0-9+/=]+\n$/);
    // A verifier that knows only the new key accepts the note; an unknown key's line is ignored.
    assert.deepEqual(openNote(note, [parseVerifierKey(second.verifierKey)]).verifiedBy, [ORIGIN]);
    assert.throws(() => openNote(note.replace('world', 'World'), [parseVerifierKey(first.verifierKey)]), /does not verify/);
    assert.throws(() => openNote(note, [parseVerifierKey(generateNoteKey(ORIGIN).verifierKey)]), /no signature by a trusted key/);
    assert.throws(() => parseVerifierKey(first.verifierKey.replace(/\+[0-9a-f]{8}\+/, '+00000000+')), /key id does not match/);
  });

  test('RFC 6962 tree hash and a self-consistent checkpoint text', () => {
    assert.equal(merkleTreeHash([]).toString('hex'), sha256(''));
    const leaf = Buffer.from('0 0 x');
    assert.equal(merkleTreeHash([leaf]).toString('hex'), sha256Bytes(Buffer.concat([Buffer.from([0]), leaf])));
    const chains = [0, 1, 2].map((chain) => ({ chain, headPosition: chain * 3, headHash: sha256(String(chain)) }));
    const text = checkpointText(ORIGIN, chains);
    const parsed = parseCheckpoint(text);
    assert.equal(parsed.treeSize, 9);
    assert.deepEqual(parsed.heads.map((head) => head.position), [0, 3, 6]);
    assert.throws(() => parseCheckpoint(text.replace('\n9\n', '\n10\n')), /sum of the chain heads/);
    assert.throws(() => parseCheckpoint(text.replace(/chain 2 6/, 'chain 2 5').replace('\n9\n', '\n8\n')), /root hash/);
  });
});

function sha256Bytes(buffer) {
  return createHash('sha256').update(buffer).digest('hex');
}

describe('checkpoints from the command line', () => {
  test('keygen writes a private signer key once; serve signs with it; GET and verify agree', async () => {
    const keyFile = join(dir, 'checkpoint.key');
    const made = await runCli(['keygen', '--name', ORIGIN, '--out', keyFile]);
    assert.equal(made.code, 0, made.stderr);
    assert.equal(statSync(keyFile).mode & 0o777, 0o600);
    const verifierKey = /verifier key: (\S+)/.exec(made.stdout)[1];
    assert.equal((await runCli(['keygen', '--name', ORIGIN, '--out', keyFile])).code, 1, 'never overwrites a key');
    assert.equal((await runCli(['keygen', '--name', 'has space'])).code, 2);

    const dbPath = join(dir, 'cli.sqlite');
    const env = { SAMTYCKE_CHECKPOINT_KEY_FILE: keyFile };
    const first = await spawnCollector(['--db', dbPath], env);
    let note;
    try {
      assert.equal((await post(first.base, [makeRecord(), makeRecord()])).status, 200);
    } finally {
      first.child.kill('SIGTERM');
      await first.exited;
    }
    // The next start signs the heads it finds before it answers.
    const second = await spawnCollector(['--db', dbPath], env);
    try {
      const response = await fetch(`${second.base}/v1/checkpoint`);
      assert.equal(response.status, 200);
      note = await response.text();
    } finally {
      second.child.kill('SIGTERM');
      await second.exited;
    }
    assert.equal(parseCheckpoint(openNote(note, [parseVerifierKey(verifierKey)]).text).treeSize, 2);
    writeFileSync(join(dir, 'cli-note.txt'), note);
    const cli = await runCli(['verify', '--db', dbPath, '--checkpoint', join(dir, 'cli-note.txt'), '--key', verifierKey]);
    assert.equal(cli.code, 0, cli.stdout + cli.stderr);
    assert.match(cli.stdout, /checkpoint of size 2 committed to \(signed by shop\.example\/consent-log\)/);
    const unsigned = await runCli(['verify', '--db', dbPath, '--checkpoint', join(dir, 'cli-note.txt')]);
    assert.match(unsigned.stdout, /SIGNATURE NOT CHECKED/);
  });

  test('a bad key file is a clear start-up error', async () => {
    const bad = join(dir, 'bad.key');
    writeFileSync(bad, 'PRIVATE+KEY+x+00000000+AAAA\n');
    const cli = await runCli(['serve', '--port', '0', '--db', join(dir, 'bad.sqlite')], { SAMTYCKE_CHECKPOINT_KEY_FILE: bad });
    assert.equal(cli.code, 1);
    assert.match(cli.stderr, /SAMTYCKE_CHECKPOINT_KEY_FILE: key 1 of .*not an Ed25519 key/);
  });
});

for (const backend of BACKENDS) {
  describe(`checkpoints on ${backend.name}`, { skip: backend.skip }, () => {
    const keys = generateNoteKey(ORIGIN);
    const signer = parseSignerKey(keys.signerKey);
    const disableTrigger =
      backend.name === 'sqlite'
        ? 'DROP TRIGGER IF EXISTS samtycke_proofs_append_only'
        : 'ALTER TABLE samtycke_proofs DISABLE TRIGGER samtycke_proofs_append_only';

    /** A log of `n` records, a published checkpoint of it, and `m` more records after it. */
    async function publishedLog(n = 6, m = 3) {
      const db = await backend.create({ chains: backend.name === 'postgres' ? 2 : undefined });
      const append = async (count) => {
        const prepared = prepareProofs(Array.from({ length: count }, () => makeRecord()), null, db.store.chainCount);
        await db.store.append(prepared.proofs, prepared.texts, new Date().toISOString());
      };
      await append(n);
      const note = await createCheckpoint(db.store, ORIGIN, [signer]);
      await append(m);
      const file = join(dir, `${backend.name}-${Math.random().toString(36).slice(2)}.txt`);
      writeFileSync(file, note);
      return { db, note, file, verify: () => runCli(['verify', ...db.cliArgs, '--checkpoint', file, '--key', keys.verifierKey], db.env) };
    }

    test('served at GET /v1/checkpoint, and verify --checkpoint accepts the grown log', async () => {
      const { db, note, verify } = await publishedLog();
      const collector = createCollector({ store: db.store, rateLimit: false, retentionIntervalMs: 0, log: () => {} });
      try {
        const response = await fetch(`http://127.0.0.1:${await collector.start(0)}/v1/checkpoint`);
        assert.equal(response.status, 200);
        assert.match(response.headers.get('content-type'), /^text\/plain/);
        assert.equal(await response.text(), note);
        const parsed = parseCheckpoint(openNote(note, [parseVerifierKey(keys.verifierKey)]).text);
        assert.equal(parsed.origin, ORIGIN);
        assert.equal(parsed.treeSize, 6);
        const cli = await verify();
        assert.equal(cli.code, 0, cli.stdout + cli.stderr);
        assert.match(cli.stdout, /OK: the log still holds everything the checkpoint of size 6 committed to \(signed by shop\.example\/consent-log\)/);
        const wrongKey = await runCli(['verify', ...db.cliArgs, '--checkpoint', join(dir, 'x'), '--key', 'nonsense'], db.env);
        assert.equal(wrongKey.code, 2);
      } finally {
        await collector.close();
        await db.dispose();
      }
    });

    test('after a retention cut: a head at the anchor is checked against it, one before it is counted as cut', async () => {
      const db = await backend.create();
      try {
        await db.store.maintain(new Date('2023-01-15T00:00:00.000Z'));
        const old = async (count) => {
          const prepared = prepareProofs(Array.from({ length: count }, () => makeRecord()), null);
          await db.store.append(prepared.proofs, prepared.texts, '2023-01-02T00:00:00.000Z');
        };
        await old(2);
        const early = await createCheckpoint(db.store, ORIGIN, [signer]);
        await old(2);
        const atCut = await createCheckpoint(db.store, ORIGIN, [signer]);
        const fresh = prepareProofs([makeRecord()], null);
        await db.store.append(fresh.proofs, fresh.texts, new Date().toISOString());
        assert.equal((await applyRetention(db.store, 19)).deleted, 4);
        for (const [note, cut] of [[early, true], [atCut, false]]) {
          const file = join(dir, `${backend.name}-cut-${cut}.txt`);
          writeFileSync(file, note);
          const cli = await runCli(['verify', ...db.cliArgs, '--checkpoint', file, '--key', keys.verifierKey], db.env);
          assert.equal(cli.code, 0, cli.stdout + cli.stderr);
          if (cut) assert.match(cli.stdout, /1 of its chain heads were since cut by retention/);
          else assert.doesNotMatch(cli.stdout, /cut by retention/);
        }
        await db.sql(`UPDATE samtycke_chains SET anchor_hash = '${'f'.repeat(64)}'`);
        const forged = await verifyChain(db.store, { checkpoint: parseCheckpoint(openNote(atCut, []).text) });
        assert.equal(forged.ok, false);
      } finally {
        await db.dispose();
      }
    });

    test('a checkpoint signed by another key is refused', async () => {
      const { db, file } = await publishedLog(2, 0);
      try {
        const cli = await runCli(['verify', ...db.cliArgs, '--checkpoint', file, '--key', generateNoteKey(ORIGIN).verifierKey], db.env);
        assert.equal(cli.code, 1);
        assert.match(cli.stdout, /BROKEN: the checkpoint .* is not valid: the note carries no signature by a trusted key/);
      } finally {
        await db.dispose();
      }
    });

    test('an edited row after a published checkpoint is detected', async () => {
      const { db, verify } = await publishedLog();
      try {
        await db.sql(disableTrigger);
        await db.sql(`UPDATE samtycke_proofs SET content = replace(content, '"analytics":true', '"analytics":false') WHERE pos = 2`);
        const cli = await verify();
        assert.equal(cli.code, 1, cli.stdout);
        assert.match(cli.stdout, /BROKEN at chain \d+ position 2 .*content does not match its contentHash/);
      } finally {
        await db.dispose();
      }
    });

    test('a deleted row after a published checkpoint is detected', async () => {
      const { db, verify } = await publishedLog();
      try {
        const [row] = await db.sql('SELECT chain FROM samtycke_proofs WHERE pos = 2 LIMIT 1');
        await db.sql(`DELETE FROM samtycke_proofs WHERE chain = ${row.chain} AND pos = 2`);
        const cli = await verify();
        assert.equal(cli.code, 1, cli.stdout);
        assert.match(cli.stdout, new RegExp(`BROKEN at chain ${row.chain} position 2: position 2 is missing`));
      } finally {
        await db.dispose();
      }
    });

    test('a chain rewritten consistently after a published checkpoint passes plain verify but not --checkpoint', async () => {
      const { db, verify } = await publishedLog();
      try {
        const [{ chain }] = await db.sql('SELECT chain FROM samtycke_proofs WHERE pos = 2 LIMIT 1');
        const rows = await db.sql(`SELECT pos, content, chain_hash FROM samtycke_proofs WHERE chain = ${chain} ORDER BY pos`);
        await db.sql(disableTrigger);
        let prev = rows[0].chain_hash;
        for (const row of rows.slice(1)) {
          const content = row.pos === rows[1].pos ? row.content.replace('"analytics":true', '"analytics":false') : row.content;
          const contentHash = sha256(content);
          prev = sha256(prev + contentHash);
          await db.sql(
            `UPDATE samtycke_proofs SET content = '${content.replace(/'/g, "''")}', content_hash = '${contentHash}', chain_hash = '${prev}' WHERE chain = ${chain} AND pos = ${row.pos}`,
          );
        }
        await db.sql(`UPDATE samtycke_chains SET head_hash = '${prev}' WHERE chain = ${chain}`);
        const plain = await verifyChain(db.store);
        assert.equal(plain.ok, true, 'a consistent rewrite is invisible without a checkpoint');
        const cli = await verify();
        assert.equal(cli.code, 1, cli.stdout);
        assert.match(cli.stdout, new RegExp(`BROKEN at chain ${chain} position \\d+ .*no longer passes through the head the checkpoint committed to`));
      } finally {
        await db.dispose();
      }
    });
  });
}
