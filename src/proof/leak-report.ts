/**
 * The leak report (R39, R42): what the browser's leak sentinel sends the
 * collector about one detected leak, and nothing of the leaked value itself.
 * One schema, as for the proof record: the collector validates with it, the
 * browser imports its type. Strict: an unknown field is an error.
 *
 * It says which kind of field (e-mail, phone…), how it was encoded (plain,
 * SHA-256…), which host and service received it, by which kind of request,
 * on which page (origin and path), when, under which consent state, whether
 * the request was stopped, and the library version. The collector groups
 * reports into incidents and counts affected visitors by `consentId`.
 */
import * as z from 'zod/mini';
import { isOriginAndPath } from './page-field.js';
import { LEAK_ENCODINGS, LEAK_FIELD_KINDS, LEAK_FORMS, LEAK_REPORT_TYPE, LEAK_REQUEST_KINDS, OPERATOR_TYPES } from './report-fields.js';

const idKey = z.string().check(z.minLength(1), z.maxLength(64));
/** A lowercase host name or IPv4 address (letters, digits, hyphens, dots); an IPv6 literal is named by its digits and colons. */
const HOST = /^(?=.{1,253}$)([a-z0-9-]+(\.[a-z0-9-]+)*|\[[0-9a-f:.]+\])$/;
/** A form field's name or id as the site wrote it: no spaces, nothing that could carry a value. */
const FIELD_NAME = /^[A-Za-z0-9_.:[\]-]{1,64}$/;

/**
 * The schema of one leak report as the browser sends it.
 * @example
 * const result = leakReportSchema.safeParse(JSON.parse(body));
 * if (!result.success) console.log(result.error.issues);
 */
export const leakReportSchema = z.strictObject({
  /** Always `"leak"`: tells a report from a proof record in the browser's queue. */
  type: z.literal(LEAK_REPORT_TYPE),
  /** A random UUID per report; the collector is idempotent on it. */
  recordId: z.uuid(),
  /** The visitor's consent id (the decision cookie's), or `null` before any decision. Affected visitors are counted by it, never by IP. */
  consentId: z.nullable(z.uuid()),
  /** When the sentinel saw the request: ISO-8601 in UTC (the browser's clock). */
  detectedAt: z.iso.datetime({ offset: false, local: false }),
  fieldKind: z.enum(LEAK_FIELD_KINDS),
  /** The form field's `name` (or `id`, or `type`) as the site wrote it; never its value. */
  field: z.string().check(z.regex(FIELD_NAME, 'Invalid field: expected a form field name (letters, digits, _ . : [ ] -)')),
  form: z.enum(LEAK_FORMS),
  encoding: z.enum(LEAK_ENCODINGS),
  /** The receiving host, lowercase, without port. */
  host: z.string().check(z.regex(HOST, 'Invalid host: expected a lowercase host name')),
  /** The configured service whose hosts include `host`; `null` for a host no service declares. */
  service: z.nullable(idKey),
  /** The category of `service`; `null` with it. */
  category: z.nullable(idKey),
  requestKind: z.enum(LEAK_REQUEST_KINDS),
  /** Whether the sentinel stopped the request (block mode, and a request that can be stopped): an attempt, not a disclosure. */
  blocked: z.boolean(),
  /** Whether a current consent decision existed. */
  decided: z.boolean(),
  /** Whether the receiving service's category was granted at that moment; `null` for an undeclared host. */
  granted: z.nullable(z.boolean()),
  /** Origin and path, never the query string or fragment. */
  page: z.string().check(z.maxLength(2048), z.refine(isOriginAndPath, 'Invalid page: expected an http(s) origin and path without query string or fragment')),
  /** The site's `sentinel.operatorType`: `ecs` adds PTS's deadlines. */
  operatorType: z.enum(OPERATOR_TYPES),
  libraryVersion: z.string().check(z.minLength(1), z.maxLength(32)),
});

/** One detected leak, as the browser sends it and the collector records it. */
export type LeakReport = z.infer<typeof leakReportSchema>;
