/**
 * The closed lists of a leak report (R39, R42), without zod: the sentinel
 * chunk reads them at no cost, and `leak-report.ts` builds the schema from
 * them, so the browser and the collector cannot drift apart.
 */

/** What a leak report is, in the queue it shares with proof records. */
export const LEAK_REPORT_TYPE = 'leak';

/** What kind of visitor data a form field held: an e-mail address, a phone number, a name, an identity number (personnummer), or other contact data. */
export const LEAK_FIELD_KINDS = ['email', 'phone', 'name', 'national-id', 'other'] as const;

/** How the value was prepared before encoding: as typed (trimmed), lowercased, a phone number in E.164 (`+46…`) or its digits. */
export const LEAK_FORMS = ['raw', 'normalised', 'e164', 'e164-digits'] as const;

/** How the value travelled: readable, URL-encoded, base64, or an unkeyed hash (hex). */
export const LEAK_ENCODINGS = ['plain', 'url', 'base64', 'sha256', 'sha1', 'md5'] as const;

/** The request that carried it. `resource` was seen only after it left (Resource Timing). */
export const LEAK_REQUEST_KINDS = ['fetch', 'xhr', 'beacon', 'image', 'script', 'iframe', 'resource'] as const;

/** `ecs`: a provider of public electronic communications services, also bound by PTS's 24-hour rule. */
export const OPERATOR_TYPES = ['ecs', 'other'] as const;

export type LeakFieldKind = (typeof LEAK_FIELD_KINDS)[number];
export type LeakForm = (typeof LEAK_FORMS)[number];
export type LeakEncoding = (typeof LEAK_ENCODINGS)[number];
export type LeakRequestKind = (typeof LEAK_REQUEST_KINDS)[number];
export type OperatorType = (typeof OPERATOR_TYPES)[number];
