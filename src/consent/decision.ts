/**
 * A decision and its stored form, and the rules that say whether a stored
 * decision still counts (R21, R23, R24). Pure: no storage, no events.
 */
import type { Config } from '../config/config.js';
import type { ProofAction, ProofLayer } from '../proof/record-fields.js';

/** What a visitor (or the page, through the API) decided; the proof record's `action`. */
export type DecisionAction = ProofAction;

/** Where a decision was made and what was shown; the UI fills this in for the proof record. */
export interface DecisionContext {
  /** `custom` by default for `set()`; `embed` for "Always allow" on a placeholder, `renew` after expiry. */
  action?: 'custom' | 'embed' | 'renew';
  layer?: ProofLayer;
  /** Name of the control used, e.g. `accept-all`. */
  control?: string;
  /** The language of the text shown (BCP 47). */
  locale?: string;
  /** The exact text the visitor saw. */
  text?: string;
  /** SHA-256 (lowercase hex) of `text`, when already computed. */
  textHash?: string;
  /** Per-service choices, where the layer offered them. */
  services?: Readonly<Record<string, boolean>>;
}

/** One decision, as handed to `on('decision')` listeners and turned into a proof record. */
export interface Decision {
  readonly action: DecisionAction;
  readonly consentId: string;
  readonly revision: string;
  /** In ms since the epoch. */
  readonly decidedAt: number;
  /** When it stops counting, in ms since the epoch (equal to `decidedAt` for a one-off embed). */
  readonly expiresAt: number;
  /** Every category, necessary ones included. */
  readonly choices: Readonly<Record<string, boolean>>;
  /** The choices before this decision, or `null` when there was none. */
  readonly previous: Readonly<Record<string, boolean>> | null;
  /** Whether the call came with a user gesture (R14). */
  readonly userActivation: boolean;
  /** Whether the browser sent Global Privacy Control. */
  readonly gpc: boolean;
  readonly context: Readonly<DecisionContext>;
}

/**
 * A decision as stored (R22): `{ v: 1, id: <random UUID>, r: <config revision>,
 * t: <decided at, ms since epoch>, c: { <category id>: 0 | 1 }, h: <fingerprint
 * of the config text> }`. No e-mail, no IP, nothing about the device.
 */
export interface StoredDecision {
  readonly v: 1;
  readonly id: string;
  readonly r: string;
  readonly t: number;
  readonly c: Readonly<Record<string, 0 | 1>>;
  readonly h: string;
}

/** Why a stored decision no longer counts, or `null` when it does. */
export type StaleReason = 'revision' | 'expired' | 'future' | null;

/** One day, in ms. */
export const DAY_MS = 24 * 60 * 60 * 1000;
/** Allowed clock skew for a decision stamped slightly in the future (another tab, another clock). */
const FUTURE_TOLERANCE_MS = 5 * 60 * 1000;

/** Checks renewal: same revision (R24), not from the future (R23), younger than the retention period (R21). */
export function staleReason(stored: StoredDecision, config: Pick<Config, 'revision' | 'retention'>, now: number): StaleReason {
  if (stored.r !== config.revision) return 'revision';
  if (stored.t > now + FUTURE_TOLERANCE_MS) return 'future';
  if (now - stored.t >= config.retention * DAY_MS) return 'expired';
  return null;
}
