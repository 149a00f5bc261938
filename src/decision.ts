import type { Config } from './config.js';
import type { StoredDecision } from './storage/decision-cookie.js';

/** What a visitor (or the page, through the API) decided. */
export type DecisionAction = 'accept' | 'reject' | 'custom' | 'withdraw' | 'renew' | 'dismiss' | 'embed';

/** Where a decision was made and what was shown; the UI fills this in for the proof record. */
export interface DecisionContext {
  /** `custom` by default for `set()`; `embed` for "always allow" on a placeholder, `renew` after expiry. */
  action?: 'custom' | 'embed' | 'renew';
  layer?: 'banner' | 'preferences' | 'placeholder' | 'api';
  /** Name of the control used, e.g. `accept-all`. */
  control?: string;
  locale?: string;
  /** The exact text the visitor saw, and its SHA-256 (hex). */
  text?: string;
  textHash?: string;
  /** Per-service choices, where the layer offered them. */
  services?: Readonly<Record<string, boolean>>;
}

/** One decision, as handed to `on('decision')` listeners and the proof record. */
export interface Decision {
  readonly action: DecisionAction;
  readonly consentId: string;
  readonly revision: string;
  /** Milliseconds since the epoch. */
  readonly decidedAt: number;
  readonly expiresAt: number;
  /** Every category, necessary ones included. */
  readonly choices: Readonly<Record<string, boolean>>;
  /** The choices before this decision, or null when there was none. */
  readonly previous: Readonly<Record<string, boolean>> | null;
  /** Whether the call came with a user gesture (R14). */
  readonly userActivation: boolean;
  /** Whether the browser sent Global Privacy Control. */
  readonly gpc: boolean;
  readonly context: Readonly<DecisionContext>;
}

/** Why a stored decision no longer counts, or `null` when it does. */
export type StaleReason = 'revision' | 'expired' | 'future' | null;

/** Allowed clock skew for a decision stamped slightly in the future (another tab, another clock). */
const FUTURE_TOLERANCE_MS = 5 * 60 * 1000;
export const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Checks the rules of renewal (R21, R23, R24): same revision, not from the
 * future, younger than the retention period.
 */
export function staleReason(stored: StoredDecision, config: Config, now: number): StaleReason {
  if (stored.r !== config.revision) return 'revision';
  if (stored.t > now + FUTURE_TOLERANCE_MS) return 'future';
  if (now - stored.t >= config.retention * DAY_MS) return 'expired';
  return null;
}
