/**
 * The closed lists of a proof record, without zod: the consent core and the
 * head script read them at no cost, and `proof-record.ts` builds the schema
 * from them, so the browser and the collector cannot drift apart.
 */

/** What a decision did (R30): accept all, reject all, a custom choice, a withdrawal, a renewal, a dismissal (a refusal, R12), or "Load once" on a placeholder (R35). */
export const PROOF_ACTIONS = ['accept', 'reject', 'custom', 'withdraw', 'renew', 'dismiss', 'embed'] as const;

/** Where the decision was made: the first layer, the preferences, an embed's placeholder, or the page's own code. */
export const PROOF_LAYERS = ['banner', 'preferences', 'placeholder', 'api'] as const;

export type ProofAction = (typeof PROOF_ACTIONS)[number];
export type ProofLayer = (typeof PROOF_LAYERS)[number];

/** SHA-256 (hex) of the empty text: the hash a record carries when no text was shown (a decision through the API). */
export const EMPTY_TEXT_HASH = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

/** The largest text a record may carry, in UTF-8 bytes (64 KiB). */
export const MAX_TEXT_BYTES = 64 * 1024;
