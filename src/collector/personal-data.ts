import { isIPv4, isIPv6 } from 'node:net';

/** Where a value that looks like personal data was found, for a 400 message. */
export interface PersonalDataHit {
  path: string;
  kind: 'email' | 'ip';
}

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/;
const IPV4_CANDIDATE = /\d{1,3}(?:\.\d{1,3}){3}/g;
// Runs of hex digits, colons and dots (for IPv4-mapped forms); checked with isIPv6.
const IPV6_CANDIDATE = /[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*/g;

/** True when the string contains something shaped like an e-mail address or an IP address. */
export function detectPersonalData(text: string): PersonalDataHit['kind'] | undefined {
  // Each pattern needs a character most strings lack; checking for it first skips the regular
  // expressions (the costliest part of validating a record) without changing any answer.
  if (text.includes('@') && EMAIL.test(text)) return 'email';
  if (text.includes('.')) {
    for (const match of text.matchAll(IPV4_CANDIDATE)) {
      if (isIPv4(match[0])) return 'ip';
    }
  }
  const colon = text.indexOf(':');
  if (colon < 0 || text.indexOf(':', colon + 1) < 0) return undefined;
  for (const match of text.matchAll(IPV6_CANDIDATE)) {
    const candidate = match[0].replace(/^:(?!:)|(?<!:):$/g, '');
    if (candidate.length >= 2 && isIPv6(candidate)) return 'ip';
    // "[2001:db8::1]:443" and similar: strip a trailing ":port"-like tail once.
    const withoutTail = candidate.replace(/:\d+$/, '');
    if (withoutTail !== candidate && isIPv6(withoutTail)) return 'ip';
  }
  return undefined;
}

/**
 * Walks every string (and every object key) in a record and lists those that look like an
 * e-mail or IP address. Proof records must not carry them (RULES.md R32).
 * `skip` names top-level fields that hold site-authored content rather than visitor data.
 */
export function findPersonalData(value: unknown, skip: ReadonlySet<string> = new Set(), path = ''): PersonalDataHit[] {
  const hits: PersonalDataHit[] = [];
  if (typeof value === 'string') {
    const kind = detectPersonalData(value);
    if (kind) hits.push({ path: path || '(value)', kind });
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => hits.push(...findPersonalData(item, skip, `${path}[${index}]`)));
  } else if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      if (path === '' && skip.has(key)) continue;
      const childPath = path ? `${path}.${key}` : key;
      const keyKind = detectPersonalData(key);
      if (keyKind) hits.push({ path: `${childPath} (key)`, kind: keyKind });
      hits.push(...findPersonalData(child, skip, childPath));
    }
  }
  return hits;
}
