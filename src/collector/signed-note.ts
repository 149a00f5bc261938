/**
 * Signed notes (C2SP signed-note) with Ed25519 keys from node:crypto: a text ending in a newline,
 * a blank line, and one signature line per key, `— <key name> <base64(key id || signature)>`.
 * The key id is the first four bytes of SHA-256(name || 0x0A || 0x01 || public key). Keys are
 * written in the usual text encodings: a signer key `PRIVATE+KEY+<name>+<id hex>+<base64(0x01 || seed)>`
 * and a verifier key `<name>+<id hex>+<base64(0x01 || public key)>`.
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';

const ED25519 = 0x01;
const PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
const DASH = '\u2014 ';

/** A key that signs notes. */
export interface NoteSigner {
  readonly name: string;
  readonly keyId: Buffer;
  readonly key: KeyObject;
}

/** A key that checks notes. */
export interface NoteVerifier {
  readonly name: string;
  readonly keyId: Buffer;
  readonly key: KeyObject;
}

/** A note key name: non-empty, no spaces, no `+`. */
function assertName(name: string): void {
  if (!name || /[\s+]/u.test(name)) throw new Error(`a note key name must be non-empty without spaces or "+", got "${name}"`);
}

function keyIdOf(name: string, publicKey: Buffer): Buffer {
  return createHash('sha256')
    .update(Buffer.concat([Buffer.from(`${name}\n`, 'utf8'), Buffer.from([ED25519]), publicKey]))
    .digest()
    .subarray(0, 4);
}

function rawPublic(key: KeyObject): Buffer {
  return createPublicKey(key).export({ format: 'der', type: 'spki' }).subarray(SPKI_PREFIX.length);
}

/**
 * A new Ed25519 key pair for `name` (usually the log's origin, e.g. `shop.example/consent-log`).
 * @example const { signerKey, verifierKey } = generateNoteKey('shop.example/consent-log');
 */
export function generateNoteKey(name: string): { signerKey: string; verifierKey: string } {
  assertName(name);
  const { privateKey } = generateKeyPairSync('ed25519');
  const seed = privateKey.export({ format: 'der', type: 'pkcs8' }).subarray(PKCS8_PREFIX.length);
  const publicKey = rawPublic(privateKey);
  const id = keyIdOf(name, publicKey).toString('hex');
  return {
    signerKey: `PRIVATE+KEY+${name}+${id}+${Buffer.concat([Buffer.from([ED25519]), seed]).toString('base64')}`,
    verifierKey: `${name}+${id}+${Buffer.concat([Buffer.from([ED25519]), publicKey]).toString('base64')}`,
  };
}

/** Reads a signer key; throws an Error naming what is wrong. */
export function parseSignerKey(text: string): NoteSigner {
  // The base64 key may itself contain "+": only the first four separators count.
  const parts = text.trim().split('+');
  if (parts.length < 5 || parts[0] !== 'PRIVATE' || parts[1] !== 'KEY') throw new Error('not a signer key (PRIVATE+KEY+<name>+<id>+<key>)');
  const [, , name = '', id = ''] = parts;
  const encoded = parts.slice(4).join('+');
  assertName(name);
  const raw = Buffer.from(encoded, 'base64');
  if (raw.length !== 33 || raw[0] !== ED25519) throw new Error('the signer key is not an Ed25519 key');
  const key = createPrivateKey({ key: Buffer.concat([PKCS8_PREFIX, raw.subarray(1)]), format: 'der', type: 'pkcs8' });
  const keyId = keyIdOf(name, rawPublic(key));
  if (keyId.toString('hex') !== id) throw new Error('the signer key id does not match its key');
  return { name, keyId, key };
}

/** Reads a verifier key; throws an Error naming what is wrong. */
export function parseVerifierKey(text: string): NoteVerifier {
  const parts = text.trim().split('+');
  if (parts.length < 3) throw new Error('not a verifier key (<name>+<id>+<key>)');
  const [name = '', id = ''] = parts;
  const encoded = parts.slice(2).join('+');
  assertName(name);
  const raw = Buffer.from(encoded, 'base64');
  if (raw.length !== 33 || raw[0] !== ED25519) throw new Error('the verifier key is not an Ed25519 key');
  const publicKey = raw.subarray(1);
  const keyId = keyIdOf(name, publicKey);
  if (keyId.toString('hex') !== id) throw new Error('the verifier key id does not match its key');
  return { name, keyId, key: createPublicKey({ key: Buffer.concat([SPKI_PREFIX, publicKey]), format: 'der', type: 'spki' }) };
}

/** The verifier key matching a signer key, to publish. */
export function verifierKeyOf(signer: NoteSigner): string {
  return `${signer.name}+${signer.keyId.toString('hex')}+${Buffer.concat([Buffer.from([ED25519]), rawPublic(signer.key)]).toString('base64')}`;
}

/**
 * Signs `text` (non-empty, ending in a newline, no blank line, no control characters but
 * newlines) with every signer, one signature line each.
 */
export function signNote(text: string, signers: readonly NoteSigner[]): string {
  if (!text.endsWith('\n') || text.includes('\n\n') || /[\u0000-\u0009\u000b-\u001f]/.test(text)) {
    throw new Error('a note text must end in a newline, have no blank line and no control characters');
  }
  if (signers.length === 0) throw new Error('a note needs at least one signer');
  const lines = signers.map((signer) => {
    const signature = sign(null, Buffer.from(text, 'utf8'), signer.key);
    return `${DASH}${signer.name} ${Buffer.concat([signer.keyId, signature]).toString('base64')}\n`;
  });
  return `${text}\n${lines.join('')}`;
}

/** A note whose text was checked against at least one trusted key. */
export interface OpenedNote {
  text: string;
  /** Names of the trusted keys whose signatures verified. */
  verifiedBy: string[];
}

/**
 * Splits a signed note and checks its signatures against `verifiers`. Signatures by unknown keys
 * are ignored, as the format requires; a signature by a known key that does not verify, or a note
 * no known key signed, is an Error.
 */
export function openNote(note: string, verifiers: readonly NoteVerifier[]): OpenedNote {
  const split = note.lastIndexOf('\n\n');
  if (split < 0 || !note.endsWith('\n')) throw new Error('not a signed note: no blank line before the signatures');
  const text = note.slice(0, split + 1);
  const verifiedBy: string[] = [];
  for (const line of note.slice(split + 2, -1).split('\n')) {
    const match = /^\u2014 (\S+) ([A-Za-z0-9+/=]+)$/.exec(line);
    if (!match) throw new Error(`malformed signature line: ${JSON.stringify(line)}`);
    const [, name, encoded] = match;
    const raw = Buffer.from(encoded!, 'base64');
    if (raw.length < 5) throw new Error('a signature is too short');
    const verifier = verifiers.find((candidate) => candidate.name === name && candidate.keyId.equals(raw.subarray(0, 4)));
    if (!verifier) continue;
    if (!verify(null, Buffer.from(text, 'utf8'), verifier.key, raw.subarray(4))) throw new Error(`the signature of ${name} does not verify`);
    verifiedBy.push(name!);
  }
  if (verifiers.length > 0 && verifiedBy.length === 0) throw new Error('the note carries no signature by a trusted key');
  return { text, verifiedBy };
}
