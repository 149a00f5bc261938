/**
 * Signed checkpoints of the proof log in the C2SP tlog-checkpoint note format:
 *
 *     <origin>
 *     <tree size: records ever appended, the sum of the chain head positions>
 *     <root hash: base64 of the RFC 6962 Merkle tree hash over one leaf per chain>
 *     chain <n> <head position> <head chainHash>      (one extension line per chain)
 *
 * The leaf of chain n is the ASCII text `<n> <position> <chainHash>`. The log is not one Merkle
 * tree of records, so witnesses cannot ask for consistency proofs; instead `samtycke verify
 * --checkpoint` checks that every chain still passes through the head the checkpoint names.
 */
import { createHash } from 'node:crypto';
import type { ChainState, ProofStore } from './proof-store.js';
import { signNote, type NoteSigner } from './signed-note.js';

/** One chain head a checkpoint commits to. */
export interface CheckpointHead {
  chain: number;
  position: number;
  chainHash: string;
}

/** The body of a checkpoint, parsed. */
export interface Checkpoint {
  origin: string;
  treeSize: number;
  rootHash: string;
  heads: CheckpointHead[];
}

function sha256(...parts: Buffer[]): Buffer {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return hash.digest();
}

/** RFC 6962 Merkle tree hash of the leaves (section 2.1); the empty tree hashes the empty string. */
export function merkleTreeHash(leaves: readonly Buffer[]): Buffer {
  if (leaves.length === 0) return sha256();
  if (leaves.length === 1) return sha256(Buffer.from([0]), leaves[0]!);
  let split = 1;
  while (split * 2 < leaves.length) split *= 2;
  return sha256(Buffer.from([1]), merkleTreeHash(leaves.slice(0, split)), merkleTreeHash(leaves.slice(split)));
}

function rootOf(heads: readonly CheckpointHead[]): string {
  return merkleTreeHash(heads.map((head) => Buffer.from(`${head.chain} ${head.position} ${head.chainHash}`, 'ascii'))).toString('base64');
}

/** The checkpoint text (unsigned) over every chain's head. */
export function checkpointText(origin: string, chains: readonly ChainState[]): string {
  const heads = [...chains]
    .sort((a, b) => a.chain - b.chain)
    .map((state) => ({ chain: state.chain, position: state.headPosition, chainHash: state.headHash }));
  const size = heads.reduce((sum, head) => sum + head.position, 0);
  return `${origin}\n${size}\n${rootOf(heads)}\n${heads.map((head) => `chain ${head.chain} ${head.position} ${head.chainHash}`).join('\n')}\n`;
}

/**
 * Parses a checkpoint text and checks that it is self-consistent: the size is the sum of the
 * head positions and the root hash is the tree hash of the heads.
 * @throws Error naming the first problem
 */
export function parseCheckpoint(text: string): Checkpoint {
  const lines = text.split('\n');
  if (lines.pop() !== '') throw new Error('a checkpoint text ends in a newline');
  const [origin, size, rootHash, ...extensions] = lines;
  if (!origin || !size || !rootHash) throw new Error('a checkpoint has an origin, a tree size and a root hash');
  if (!/^(0|[1-9]\d*)$/.test(size)) throw new Error(`the tree size is not a decimal number: ${size}`);
  const heads = extensions.map((line) => {
    const match = /^chain (\d+) (\d+) ([0-9a-f]{64})$/.exec(line);
    if (!match) throw new Error(`not a chain head line: ${JSON.stringify(line)}`);
    return { chain: Number(match[1]), position: Number(match[2]), chainHash: match[3]! };
  });
  if (heads.length === 0) throw new Error('the checkpoint names no chain heads');
  if (heads.reduce((sum, head) => sum + head.position, 0) !== Number(size)) throw new Error('the tree size is not the sum of the chain heads');
  if (rootOf(heads) !== rootHash) throw new Error('the root hash does not match the chain heads');
  return { origin, treeSize: Number(size), rootHash, heads };
}

/**
 * Signs a checkpoint over the current chain heads and stores it, unless the latest stored one
 * already has the same text. Returns the note.
 */
export async function createCheckpoint(store: ProofStore, origin: string, signers: readonly NoteSigner[], now = new Date()): Promise<string> {
  const chains = await store.chains();
  const text = checkpointText(origin, chains);
  const latest = await store.latestCheckpoint();
  if (latest && latest.note.startsWith(text) && latest.note.slice(text.length).startsWith('\n\u2014')) return latest.note;
  const note = signNote(text, signers);
  await store.saveCheckpoint(note, chains.reduce((sum, state) => sum + state.headPosition, 0), now.toISOString());
  return note;
}

/**
 * Signs a checkpoint now and then every `intervalMs`; failures are reported, never thrown.
 * `signed` gets every note (new or unchanged), e.g. to push it to witnesses.
 * Returns `first`, settled once the first attempt is done, and `stop`.
 */
export function scheduleCheckpoints(
  store: ProofStore,
  origin: string,
  signers: readonly NoteSigner[],
  intervalMs: number,
  report: (message: string) => void,
  signed: (note: string) => void = () => {},
): { first: Promise<void>; stop: () => void } {
  let running: Promise<void> | undefined;
  const run = (): Promise<void> => {
    running ??= createCheckpoint(store, origin, signers)
      .then(signed)
      .catch((error: Error) => report(`checkpoint failed: ${error.message}`))
      .finally(() => {
        running = undefined;
      });
    return running;
  };
  const first = run();
  const timer = setInterval(run, intervalMs);
  timer.unref();
  return { first, stop: () => clearInterval(timer) };
}
