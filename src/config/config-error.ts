import type * as z from 'zod/mini';

/** One problem in a config: where, what kind, and a sentence a site owner can act on. */
export interface ConfigIssue {
  /** Dotted path such as `categories[1].default`; empty for the root. */
  readonly path: string;
  /** zod's issue code (`invalid_type`, `unrecognized_keys`, `custom`, …). */
  readonly code: string;
  readonly message: string;
}

/**
 * Thrown by `createConsent()` when the config is invalid. It lists every
 * problem at once, never only the first, so one fix-and-reload cycle is enough.
 *
 * @example
 * try { createConsent(config) } catch (e) { if (e instanceof ConfigError) console.table(e.issues) }
 */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  readonly issues: readonly ConfigIssue[];

  constructor(issues: readonly ConfigIssue[]) {
    const count = issues.length === 1 ? '1 problem' : `${issues.length} problems`;
    super(`Invalid samtycke config (${count}); nothing is granted until it is fixed:\n${issues.map((issue) => `  - ${issue.path || '(root)'}: ${issue.message}`).join('\n')}`);
    this.issues = issues;
  }
}

/** Keys a site may reach for to switch a purpose to "legitimate interest". */
const LEGAL_BASIS = /legitimate|legal_?basis|^basis$|^lawful/i;

/** Turns zod issues into ConfigIssues with readable messages and "did you mean" hints. */
export function toConfigError(issues: readonly z.core.$ZodIssue[], schema: z.core.$ZodType): ConfigError {
  const result: ConfigIssue[] = [];
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      const known = knownKeysAt(schema, issue.path);
      for (const key of issue.keys) {
        const hint = closest(key, known);
        result.push({
          path: formatPath([...issue.path, key]),
          code: issue.code,
          message: LEGAL_BASIS.test(key)
            ? `unknown key "${key}": storing or reading on the device needs consent (or strict necessity); legitimate interest cannot be its basis, so there is no such setting (RULES R37)`
            : `unknown key "${key}"${hint ? `; did you mean "${hint}"?` : known.length ? `; allowed keys: ${known.join(', ')}` : ''}`,
        });
      }
    } else {
      const path = formatPath(issue.path);
      // One problem per place: a value that fails its format also fails the checks after it.
      if (!result.some((seen) => seen.path === path)) result.push({ path, code: issue.code, message: describe(issue) });
    }
  }
  return new ConfigError(result);
}

function describe(issue: z.core.$ZodIssue): string {
  const generic = !issue.message || issue.message === 'Invalid input';
  if (!generic) return issue.message;
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? `is required (${issue.expected})` : `must be ${article(issue.expected)}, not ${typeName(issue.input)}`;
    case 'too_small':
      return `must have at least ${issue.minimum as number} ${issue.origin === 'string' ? 'characters' : 'items'}`;
    case 'too_big':
      return `must have at most ${issue.maximum as number} ${issue.origin === 'string' ? 'characters' : 'items'}`;
    case 'invalid_value':
      return `must be one of ${issue.values.map((value) => JSON.stringify(value)).join(', ')}`;
    case 'invalid_union': {
      const inner = issue.errors.flat().find((sub) => sub.message && sub.message !== 'Invalid input');
      return inner ? inner.message : 'has a value of the wrong form';
    }
    default:
      return 'is not valid';
  }
}

function article(type: string): string {
  return `${/^[aeiou]/.test(type) ? 'an' : 'a'} ${type}`;
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return article(typeof value);
}

function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, key) => (typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${String(key)}` : String(key)), '');
}

interface SchemaDef {
  type: string;
  shape?: Record<string, z.core.$ZodType>;
  element?: z.core.$ZodType;
  innerType?: z.core.$ZodType;
  in?: z.core.$ZodType;
  options?: z.core.$ZodType[];
}

/** The keys an object schema accepts at `path`, for "did you mean" hints. */
function knownKeysAt(schema: z.core.$ZodType, path: readonly PropertyKey[]): string[] {
  let candidates: z.core.$ZodType[] = [schema];
  for (const key of [...path, null]) {
    const next: z.core.$ZodType[] = [];
    for (const candidate of candidates) {
      const def = unwrap(candidate);
      if (!def) continue;
      if (key === null) {
        if (def.shape) return Object.keys(def.shape);
      } else if (def.shape && typeof key === 'string' && def.shape[key]) {
        next.push(def.shape[key]);
      } else if (def.element && typeof key === 'number') {
        next.push(def.element);
      }
    }
    candidates = next.flatMap(expandUnion);
  }
  return [];
}

function unwrap(schema: z.core.$ZodType): SchemaDef | undefined {
  let def = schema._zod.def as unknown as SchemaDef;
  while (def.innerType || def.in) def = ((def.innerType ?? def.in) as z.core.$ZodType)._zod.def as unknown as SchemaDef;
  return def;
}

function expandUnion(schema: z.core.$ZodType): z.core.$ZodType[] {
  const def = unwrap(schema);
  return def?.options ? def.options.flatMap(expandUnion) : [schema];
}

/** The known key nearest to `key` when it is close enough to be a typo. */
function closest(key: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(key.length / 3)) + 1;
  for (const candidate of known) {
    const distance = editDistance(key.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}
