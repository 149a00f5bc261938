/**
 * The decision cookie, kept minimal (R22): the `StoredDecision` shape as
 * JSON (URI-encoded), first-party, `SameSite=Lax`, `Secure` on https, with a
 * `Max-Age` of exactly the time left to renewal. No e-mail, no IP, nothing
 * about the device.
 *
 * Read and written here in a few lines rather than through js-cookie (which
 * erases other services' cookies, see `gates/erase-leftovers.ts`): this runs
 * on every page view in the head script, whose size every visitor pays, and
 * it only ever handles this one cookie, whose name the schema restricts to
 * letters, digits, `-` and `_`.
 */
import type { Config } from '../config/config.js';
import type { DecisionStore } from '../consent/contract.js';
import type { StoredDecision } from '../consent/decision.js';
import { warn } from '../internal/dev.js';

/** A real decision cookie is about 150 bytes; anything far larger is not ours. */
const MAX_COOKIE_LENGTH = 2048;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CATEGORY_ID = /^[a-z][a-z0-9_-]{0,39}$/;

type CookieOptions = Config['cookie'];

/**
 * The schema of the cookie, checked on every read. It is hand-written rather
 * than zod because it runs on every page view of every visitor, in the head.
 * Anything that does not match exactly is `null`: no consent (R23).
 */
export function parseStoredDecision(raw: string): StoredDecision | null {
  if (raw.length > MAX_COOKIE_LENGTH) return null;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return null;
  }
  if (!isRecord(value) || Object.keys(value).sort().join() !== 'c,h,id,r,t,v') return null;
  const { v, id, r, t, c, h } = value;
  const valid =
    v === 1 &&
    typeof id === 'string' && UUID.test(id) &&
    typeof r === 'string' && r.length > 0 && r.length <= 64 &&
    Number.isSafeInteger(t) && (t as number) > 0 &&
    typeof h === 'string' && /^[0-9a-z]{1,8}$/.test(h) &&
    isRecord(c) && Object.entries(c).every(([key, flag]) => CATEGORY_ID.test(key) && (flag === 0 || flag === 1));
  return valid ? (value as unknown as StoredDecision) : null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The decision cookie as the consent object's store. */
export function decisionCookie(options: CookieOptions): DecisionStore {
  return {
    read: () => readDecision(options),
    write: (decision, maxAgeDays) => writeDecision(decision, options, maxAgeDays),
    parse: parseStoredDecision,
  };
}

/** The raw value of the cookie `name` (a schema-checked name: no pattern characters), or undefined. */
function cookieValue(name: string): string | undefined {
  const entry = document.cookie.split('; ').find((part) => part.startsWith(`${name}=`));
  if (entry === undefined) return undefined;
  try {
    return decodeURIComponent(entry.slice(name.length + 1));
  } catch {
    // Not ours: a value we wrote always decodes.
    return '';
  }
}

/** Reads the stored decision; missing, corrupt, forged or oversized is `null`. Never throws. */
export function readDecision(options: CookieOptions): StoredDecision | null {
  const raw = cookieValue(options.name);
  if (raw === undefined) return null;
  const decision = parseStoredDecision(raw);
  if (!decision) warn('corrupt-cookie', `the "${options.name}" cookie is not a valid decision and is ignored`);
  return decision;
}

/** Writes the decision as a first-party cookie that lives exactly `days` days, the time left to renewal (R22). */
export function writeDecision(decision: StoredDecision, options: CookieOptions, days: number): void {
  document.cookie =
    `${options.name}=${encodeURIComponent(JSON.stringify(decision))}; Path=${options.path}; SameSite=${options.sameSite}` +
    // Max-Age rather than Expires: it does not depend on the visitor's clock.
    `; Max-Age=${Math.round(days * 86400)}` +
    (options.domain ? `; Domain=${options.domain}` : '') +
    (location.protocol === 'https:' ? '; Secure' : '');
}
