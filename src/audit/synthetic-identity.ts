/**
 * A synthetic visitor for the form test (R39): contact details unique to one
 * run, and every form a vendor is known to send them in (the encodings of the
 * leak sentinel, src/sentinel/canaries.ts, computed here with node:crypto).
 * The e-mail domain is example.com, reserved for documentation (RFC 2606), so
 * nothing typed reaches a real person.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Leak } from './audit-report.js';

/** The values typed into the page's fields. */
export interface SyntheticIdentity {
  email: string;
  phone: string;
  name: string;
}

/** One searchable form of one value. */
export interface Needle {
  field: keyof SyntheticIdentity;
  encoding: string;
  text: string;
  /** Hex digests are matched whatever their letter case. */
  caseless: boolean;
}

/**
 * A new identity: mixed case and a trailing space in the e-mail, so that
 * vendors' normalisation (trim, lower-case) is exercised.
 * @example createIdentity().email // 'Audit.3f9a2c41@Example.com'
 */
export function createIdentity(): SyntheticIdentity {
  const tag = randomBytes(4).toString('hex');
  const digits = String(parseInt(tag, 16) % 10_000_000).padStart(7, '0');
  return { email: `Audit.${tag}@Example.com`, phone: `070-${digits.slice(0, 3)} ${digits.slice(3)}`, name: `Audit ${tag}` };
}

const digest = (algorithm: string, text: string): string => createHash(algorithm).update(text, 'utf8').digest('hex');

/** Every form of the identity to look for in a request. */
export function needlesFor(identity: SyntheticIdentity): Needle[] {
  const needles: Needle[] = [];
  const add = (field: keyof SyntheticIdentity, encoding: string, text: string, caseless = false): void => {
    if (text.length >= 6 && !needles.some((needle) => needle.text === text)) needles.push({ field, encoding, text, caseless });
  };
  const digits = identity.phone.replace(/\D/g, '');
  const e164 = `+46${digits.replace(/^0/, '')}`;
  const forms: [keyof SyntheticIdentity, string, string][] = [
    ['email', 'plain', identity.email],
    ['email', 'normalised', identity.email.trim().toLowerCase()],
    ['phone', 'plain', identity.phone],
    ['phone', 'digits', digits],
    ['phone', 'e164', e164],
    ['phone', 'e164-digits', e164.slice(1)],
    ['name', 'plain', identity.name],
    ['name', 'normalised', identity.name.toLowerCase()],
  ];
  for (const [field, how, value] of forms) add(field, how, value);
  for (const [field, how, value] of forms) {
    add(field, how === 'plain' ? 'url-encoded' : `${how}+url-encoded`, encodeURIComponent(value));
    add(field, how === 'plain' ? 'base64' : `${how}+base64`, Buffer.from(value).toString('base64').replace(/=+$/, ''));
    add(field, how === 'plain' ? 'base64url' : `${how}+base64url`, Buffer.from(value).toString('base64url'));
    for (const algorithm of ['sha256', 'sha1', 'md5']) add(field, how === 'plain' ? algorithm : `${how}+${algorithm}`, digest(algorithm, value), true);
  }
  return needles;
}

/** The parts of a request searched for the identity. */
export interface RequestText {
  url: string;
  body: string;
  referer: string;
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

/**
 * The needles found in a request, one per field and place.
 * @example findLeaks({ url, body: '', referer: '' }, host, needles)
 */
export function findLeaks(request: RequestText, host: string, needles: readonly Needle[]): Leak[] {
  const leaks: Leak[] = [];
  for (const [where, raw] of [['url', request.url], ['body', request.body], ['referer', request.referer]] as const) {
    if (!raw) continue;
    const text = `${raw}\n${decode(raw)}`;
    const lower = text.toLowerCase();
    for (const needle of needles) {
      const found = needle.caseless ? lower.includes(needle.text.toLowerCase()) : text.includes(needle.text);
      if (found && !leaks.some((leak) => leak.field === needle.field && leak.where === where)) {
        leaks.push({ host, url: request.url.slice(0, 500), field: needle.field, encoding: needle.encoding, where });
      }
    }
  }
  return leaks;
}
