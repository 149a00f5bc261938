/**
 * Checks a parsed request body for what no store can keep faithfully, before the schema sees it:
 * a lone UTF-16 surrogate (SQLite would store U+FFFD and the record would never verify again), a
 * NUL character (PostgreSQL refuses it in text, so the batch could never be stored), and a
 * `__proto__` key (which the schema's records drop without a word). Keys and values alike.
 */

/** One problem, shaped like the record issues of proof-record.ts (without the record index). */
export interface HostileIssue {
  path: string;
  code: 'lone_surrogate' | 'nul_character' | 'reserved_key';
  message: string;
}

/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function checkString(value: string, path: string, issues: HostileIssue[]): void {
  if (LONE_SURROGATE.test(value)) {
    issues.push({ path, code: 'lone_surrogate', message: 'contains a lone UTF-16 surrogate (not valid Unicode text)' });
  }
  if (value.includes('\u0000')) issues.push({ path, code: 'nul_character', message: 'contains a NUL character' });
}

/**
 * Lists every hostile string or key in `value` (a parsed JSON value).
 * @example findHostileInput(JSON.parse('{"choices":{"__proto__":true}}')) // [{ path: 'choices.__proto__', code: 'reserved_key', … }]
 */
export function findHostileInput(value: unknown, path = ''): HostileIssue[] {
  const issues: HostileIssue[] = [];
  const walk = (node: unknown, at: string): void => {
    if (typeof node === 'string') checkString(node, at || '(value)', issues);
    else if (Array.isArray(node)) node.forEach((item, index) => walk(item, `${at}[${index}]`));
    else if (node !== null && typeof node === 'object') {
      for (const key of Object.keys(node)) {
        const childPath = at ? `${at}.${key}` : key;
        if (key === '__proto__') {
          issues.push({ path: childPath, code: 'reserved_key', message: '"__proto__" is not allowed as a key' });
        }
        checkString(key, `${childPath} (key)`, issues);
        walk((node as Record<string, unknown>)[key], childPath);
      }
    }
  };
  walk(value, path);
  return issues;
}
