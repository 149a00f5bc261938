import { z } from 'zod';
import { sha256Hex } from './chain-hash.js';
import { findPersonalData } from './personal-data.js';

export const ACTIONS = ['accept', 'reject', 'custom', 'withdraw', 'renew', 'dismiss', 'embed'] as const;
export const LAYERS = ['banner', 'preferences', 'placeholder', 'api'] as const;
export const MAX_BATCH = 100;
export const MAX_TEXT_BYTES = 64 * 1024;

const idKey = z.string().min(1).max(64);

function isOriginAndPath(value: string): boolean {
  if (/[?#]/.test(value)) return false;
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.username === '' && url.password === '';
  } catch {
    return false;
  }
}

/**
 * One proof of a consent decision as the browser sends it (RULES.md R30).
 * Strict: unknown fields are an error, so nothing extra about the visitor slips in.
 */
export const ProofRecordSchema = z.strictObject({
  recordId: z.uuid(),
  consentId: z.uuid(),
  action: z.enum(ACTIONS),
  choices: z.record(idKey, z.boolean()),
  services: z.record(idKey, z.boolean()).optional(),
  revision: z.string().min(1).max(64),
  locale: z.string().min(2).max(35).regex(/^[A-Za-z0-9-]+$/, 'Invalid locale: expected a BCP 47 tag'),
  textHash: z.string().regex(/^[0-9a-f]{64}$/, 'Invalid textHash: expected 64 lowercase hex characters (SHA-256)'),
  text: z
    .string()
    .refine((value) => Buffer.byteLength(value, 'utf8') <= MAX_TEXT_BYTES, 'text is larger than 64 KB')
    .optional(),
  gpc: z.boolean(),
  page: z
    .string()
    .max(2048)
    .refine(isOriginAndPath, 'Invalid page: expected an http(s) origin and path without query string or fragment'),
  timestamp: z.iso.datetime({ offset: false, local: false }),
  control: z.string().max(128).optional(),
  layer: z.enum(LAYERS).optional(),
  userActivation: z.boolean().optional(),
  libraryVersion: z.string().min(1).max(32),
});

export type ProofRecord = z.infer<typeof ProofRecordSchema>;

/** A problem with one record of the request body, shaped like zod's issues. */
export interface RecordIssue {
  index: number;
  path: string;
  code: string;
  message: string;
}

export type ParseResult =
  | { ok: true; records: ProofRecord[] }
  | { ok: false; error: string; message: string; issues: RecordIssue[] };

function formatPath(path: readonly PropertyKey[]): string {
  return path.map((part) => (typeof part === 'number' ? `[${part}]` : String(part))).join('.').replace(/\.\[/g, '[');
}

function unwrapBody(body: unknown): unknown[] | string {
  if (Array.isArray(body)) return body;
  if (body !== null && typeof body === 'object') {
    const keys = Object.keys(body);
    if (keys.length === 1 && keys[0] === 'records') {
      const records = (body as { records: unknown }).records;
      return Array.isArray(records) ? records : '"records" must be an array';
    }
    return [body];
  }
  return 'expected a proof record, an array of records or {"records": [...]}';
}

function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') {
    return `unknown field${issue.keys.length > 1 ? 's' : ''}: ${issue.keys.join(', ')}`;
  }
  return issue.message;
}

/**
 * Validates a parsed request body: one record, an array, or `{ records: [...] }` (≤ 100).
 * Every problem in every record is reported at once; a batch is accepted or refused as a whole.
 */
export function parseProofBody(body: unknown): ParseResult {
  const list = unwrapBody(body);
  if (typeof list === 'string') return { ok: false, error: 'invalid_body', message: list, issues: [] };
  if (list.length === 0) return { ok: false, error: 'invalid_body', message: 'the batch is empty', issues: [] };
  if (list.length > MAX_BATCH) {
    return { ok: false, error: 'batch_too_large', message: `a batch holds at most ${MAX_BATCH} records, got ${list.length}`, issues: [] };
  }
  const issues: RecordIssue[] = [];
  const records: ProofRecord[] = [];
  list.forEach((item, index) => {
    const parsed = ProofRecordSchema.safeParse(item);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        issues.push({ index, path: formatPath(issue.path), code: issue.code, message: describeIssue(issue) });
      }
      return;
    }
    const record = parsed.data;
    if (record.text !== undefined && sha256Hex(record.text) !== record.textHash) {
      issues.push({ index, path: 'text', code: 'text_hash_mismatch', message: 'sha256(text) does not equal textHash' });
    }
    for (const hit of findPersonalData(record, new Set(['text']))) {
      issues.push({
        index,
        path: hit.path,
        code: 'personal_data',
        message: `looks like ${hit.kind === 'email' ? 'an e-mail address' : 'an IP address'}; proof records must not contain personal data`,
      });
    }
    records.push(record);
  });
  if (issues.length > 0) {
    // Unknown fields first: they are the likeliest cause and the message must name them.
    issues.sort((a, b) => Number(b.code === 'unrecognized_keys') - Number(a.code === 'unrecognized_keys') || a.index - b.index);
    const summary = issues
      .slice(0, 10)
      .map((issue) => `record ${issue.index}${issue.path ? ` ${issue.path}` : ''}: ${issue.message}`)
      .join('; ');
    const more = issues.length > 10 ? ` (and ${issues.length - 10} more)` : '';
    return { ok: false, error: 'invalid_record', message: summary + more, issues };
  }
  return { ok: true, records };
}
