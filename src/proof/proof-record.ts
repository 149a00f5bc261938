/**
 * The proof record (R30): one schema, used by the browser's tests and by the
 * collector to validate what it receives; the browser's code imports only the
 * type. Modelled on the ISO/IEC TS 27560 consent record: who (a random
 * consent id, nothing about the person), what (choices, revision, the exact
 * text and its hash), how (action, layer, control, gesture) and when. No IP,
 * no fingerprint. Strict: an unknown field is an error, so nothing extra
 * about the visitor slips in.
 */
import * as z from 'zod/mini';
import { isOriginAndPath } from './page-field.js';
import { MAX_TEXT_BYTES, PROOF_ACTIONS, PROOF_LAYERS } from './record-fields.js';

const idKey = z.string().check(z.minLength(1), z.maxLength(64));

/**
 * The schema of one proof record as the browser sends it.
 * @example
 * const result = proofRecordSchema.safeParse(JSON.parse(body));
 * if (!result.success) console.log(result.error.issues);
 */
export const proofRecordSchema = z.strictObject({
  /** A random UUID per record; the collector is idempotent on it. */
  recordId: z.uuid(),
  /** The random UUID kept in the decision cookie; nothing else identifies the visitor. */
  consentId: z.uuid(),
  action: z.enum(PROOF_ACTIONS),
  /** Every category, necessary ones included: `true` granted. */
  choices: z.record(idKey, z.boolean()),
  /** Per-service choices, where the layer offered them ("Load once" on a placeholder). */
  services: z.optional(z.record(idKey, z.boolean())),
  revision: z.string().check(z.minLength(1), z.maxLength(64)),
  /** The language of the text shown (BCP 47). */
  locale: z.string().check(z.minLength(2), z.maxLength(35), z.regex(/^[A-Za-z0-9-]+$/, 'Invalid locale: expected a BCP 47 tag')),
  /** SHA-256 (lowercase hex) of `text`, or of the empty text when none was shown. */
  textHash: z.string().check(z.regex(/^[0-9a-f]{64}$/, 'Invalid textHash: expected 64 lowercase hex characters (SHA-256)')),
  /** The exact text and labels shown, as read on screen; at most 64 KiB of UTF-8. */
  text: z.optional(z.string().check(z.refine((value: string) => new TextEncoder().encode(value).length <= MAX_TEXT_BYTES, 'text is larger than 64 KB'))),
  /** Whether the browser sent Global Privacy Control. */
  gpc: z.boolean(),
  /** Origin and path, never the query string or fragment. */
  page: z.string().check(z.maxLength(2048), z.refine(isOriginAndPath, 'Invalid page: expected an http(s) origin and path without query string or fragment')),
  /** When the decision was made: ISO-8601 in UTC. */
  timestamp: z.iso.datetime({ offset: false, local: false }),
  /** The control used, e.g. `accept-all`. */
  control: z.optional(z.string().check(z.maxLength(128))),
  layer: z.optional(z.enum(PROOF_LAYERS)),
  /** Whether the call came with a user gesture (R14). */
  userActivation: z.boolean(),
  libraryVersion: z.string().check(z.minLength(1), z.maxLength(32)),
});

/** One proof of a decision, as the browser sends it and the collector stores it. */
export type ProofRecord = z.infer<typeof proofRecordSchema>;
