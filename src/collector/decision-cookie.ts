/**
 * Renewing the decision cookie from the server. Safari caps cookies written by script at 7 days,
 * so the browser's own 6-month cookie would lapse there. When the collector is served on the
 * site's own origin, the proof request carries the decision cookie; if it is a valid decision
 * cookie (the same `{v,id,r,t,c,h}` shape the head script reads, see src/storage/decision-cookie.ts)
 * and matches a record of the batch just acknowledged, the answer sets it again with Set-Cookie:
 * the same name, value and attributes, for the rest of the renewal period counted from the
 * decision's own time. It never sets a cookie the browser did not send, and never changes its value,
 * so it cannot grant anything the visitor's cookie did not already grant.
 */
import type { ProofRecord } from './proof-record.js';

/** How the site writes its decision cookie (its `cookie` and `retention` config). */
export interface DecisionCookieOptions {
  /** The cookie's name (the site config's `cookie.name`, default `samtycke`). */
  name: string;
  /** The site's renewal period in days (its `retention`, default 182, at most 395). */
  retentionDays: number;
  path?: string;
  domain?: string | undefined;
  sameSite?: 'Lax' | 'Strict';
  /** `auto`: Secure when the page's origin (the request's Origin) is https. */
  secure?: boolean | 'auto';
}

/** The stored decision, as the head script writes it. */
interface StoredDecision {
  v: 1;
  id: string;
  r: string;
  t: number;
  c: Record<string, 0 | 1>;
  h: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CATEGORY_ID = /^[a-z][a-z0-9_-]{0,39}$/;
const MAX_COOKIE_LENGTH = 2048;
/** Clock skew allowed for a decision stamped slightly in the future, as the browser allows. */
const FUTURE_TOLERANCE_MS = 5 * 60 * 1000;
/** The longest renewal period a site may configure: 13 months, in days (DESIGN.md, R21). */
export const MAX_RETENTION_DAYS = 395;

/** The raw values of the cookie `name` in a Cookie header, in order. */
export function cookieValues(header: string | undefined, name: string): string[] {
  if (!header) return [];
  return header
    .split(';')
    .map((part) => part.trim())
    .filter((part) => part.startsWith(`${name}=`))
    .map((part) => part.slice(name.length + 1));
}

/** Reads a decision cookie value as the browser library does (percent-decoding, then the exact shape), or null. */
export function parseDecisionCookie(raw: string): StoredDecision | null {
  if (raw.length > MAX_COOKIE_LENGTH) return null;
  let value: unknown;
  try {
    const text = (raw.startsWith('"') && raw.endsWith('"') ? raw.slice(1, -1) : raw).replace(/(%[\dA-F]{2})+/gi, decodeURIComponent);
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const record = value as Record<string, unknown>;
  if (Object.keys(record).sort().join() !== 'c,h,id,r,t,v') return null;
  const { v, id, r, t, c, h } = record;
  const valid =
    v === 1 &&
    typeof id === 'string' && UUID.test(id) &&
    typeof r === 'string' && r.length > 0 && r.length <= 64 &&
    Number.isSafeInteger(t) && (t as number) > 0 &&
    typeof h === 'string' && /^[0-9a-z]{1,8}$/.test(h) &&
    typeof c === 'object' && c !== null && !Array.isArray(c) &&
    Object.entries(c).every(([key, flag]) => CATEGORY_ID.test(key) && (flag === 0 || flag === 1));
  return valid ? (record as unknown as StoredDecision) : null;
}

/** True when `record` is the proof of the decision stored in `cookie`: same visitor, revision, time and choices. */
export function recordMatchesCookie(record: ProofRecord, cookie: StoredDecision): boolean {
  if (record.action === 'embed') return false; // "Load once" stores nothing
  if (record.consentId !== cookie.id || record.revision !== cookie.r || Date.parse(record.timestamp) !== cookie.t) return false;
  for (const [category, flag] of Object.entries(cookie.c)) if (record.choices[category] !== (flag === 1)) return false;
  // Categories the cookie leaves out are the necessary ones: granted in the record.
  return Object.entries(record.choices).every(([category, granted]) => category in cookie.c || granted === true);
}

/**
 * The Set-Cookie header that renews the decision cookie, or undefined when there is nothing to
 * renew: no valid decision cookie in the request, none that matches an acknowledged record, or
 * its renewal period is over.
 *
 * @param now ms since the epoch
 * @example renewDecisionCookie(req.headers.cookie, records, { name: 'samtycke', retentionDays: 182 }, true, Date.now())
 */
export function renewDecisionCookie(
  cookieHeader: string | undefined,
  acknowledged: readonly ProofRecord[],
  options: DecisionCookieOptions,
  https: boolean,
  now: number,
): string | undefined {
  for (const raw of cookieValues(cookieHeader, options.name)) {
    const cookie = parseDecisionCookie(raw);
    if (!cookie || cookie.t > now + FUTURE_TOLERANCE_MS) continue;
    if (!acknowledged.some((record) => recordMatchesCookie(record, cookie))) continue;
    const maxAge = Math.floor((cookie.t + options.retentionDays * 86_400_000 - now) / 1000);
    if (maxAge <= 0) return undefined;
    const secure = options.secure === 'auto' || options.secure === undefined ? https : options.secure;
    return [
      `${options.name}=${raw}`,
      `Path=${options.path ?? '/'}`,
      ...(options.domain ? [`Domain=${options.domain}`] : []),
      `Max-Age=${maxAge}`,
      `SameSite=${options.sameSite ?? 'Lax'}`,
      ...(secure ? ['Secure'] : []),
    ].join('; ');
  }
  return undefined;
}
