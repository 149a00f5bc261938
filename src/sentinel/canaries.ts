import { md5Hex } from './md5.js';
import { digestHex } from '../internal/digest.js';
import type { LeakFieldKind } from '../proof/report-fields.js';

/** One way a visitor's value may appear in a request. */
export interface Canary {
  /** The string to look for (lowercase). */
  needle: string;
  /** The form field it came from: its name, id or type. */
  field: string;
  /** What kind of data the field holds: e-mail, phone, name, national-id or other. */
  kind: LeakFieldKind;
  /**
   * How the value was prepared and encoded: the form (`raw`, `normalised`, `e164`,
   * `e164-digits`), then `+` and the encoding (`url`, `base64`, `sha256`, `sha1`,
   * `md5`) unless it was sent readable, e.g. `normalised+sha256`.
   */
  encoding: string;
}

/** Fields that hold contact data or an identity number (R39). */
const SENSITIVE_AUTOCOMPLETE = /\b(email|tel|name|given-name|family-name|tel-national)\b/;
const SENSITIVE_NAME = /e-?mail|phone|mobil|tel|personnummer|ssn|national.?id/i;
/** Swedish personal identity number: YYMMDD-NNNN or YYYYMMDDNNNN. */
const PERSONNUMMER = /^(\d{2})?\d{6}[-+]?\d{4}$/;
/** Too short a needle matches by chance. */
const MIN_NEEDLE = 5;

/** Whether a form control holds contact data the sentinel should watch. */
export function isSensitiveField(element: EventTarget | null): element is HTMLInputElement {
  if (!(element instanceof HTMLInputElement)) return false;
  if (element.type === 'email' || element.type === 'tel') return true;
  if (SENSITIVE_AUTOCOMPLETE.test(element.autocomplete)) return true;
  return SENSITIVE_NAME.test(`${element.name} ${element.id}`) || PERSONNUMMER.test(element.value.trim());
}

/** A field's name as a report may carry it: its `name`, `id` or `type`, cut to the characters a name needs (never its value). */
export function fieldName(element: HTMLInputElement): string {
  return (element.name || element.id || element.type).replace(/[^\w.:[\]-]/g, '_').slice(0, 64) || element.type;
}

/** What kind of data a watched field holds, from its type, autocomplete hint, name and id. */
export function fieldKind(element: HTMLInputElement): LeakFieldKind {
  const hints = `${element.type} ${element.autocomplete} ${element.name} ${element.id}`;
  if (/e-?mail/i.test(hints)) return 'email';
  if (/personnummer|ssn|national.?id/i.test(hints) || PERSONNUMMER.test(element.value.trim())) return 'national-id';
  if (/tel|phone|mobil/i.test(hints)) return 'phone';
  if (/name/i.test(element.autocomplete)) return 'name';
  return 'other';
}

/** The variants a vendor script commonly derives from a value before sending it. */
export async function canariesFor(value: string, field: string, kind: LeakFieldKind = 'other'): Promise<Canary[]> {
  const trimmed = value.trim();
  if (trimmed.length < MIN_NEEDLE) return [];
  const normalised = trimmed.toLowerCase();
  const forms = new Map<string, string>([
    ['raw', trimmed],
    ['normalised', normalised],
  ]);
  const digits = trimmed.replace(/[^\d+]/g, '');
  if (/^\+?\d{7,15}$/.test(digits)) {
    // Phone numbers: E.164 as Meta and Google expect it (a leading 0 read as Sweden's +46).
    const e164 = digits.startsWith('+') ? digits : digits.startsWith('00') ? `+${digits.slice(2)}` : digits.startsWith('0') ? `+46${digits.slice(1)}` : `+${digits}`;
    forms.set('e164', e164);
    forms.set('e164-digits', e164.slice(1));
  }
  const canaries: Canary[] = [];
  const add = (needle: string, encoding: string) => {
    if (needle.length >= MIN_NEEDLE && !canaries.some((canary) => canary.needle === needle.toLowerCase())) canaries.push({ needle: needle.toLowerCase(), field, kind, encoding });
  };
  for (const [name, form] of forms) {
    add(form, name);
    add(encodeURIComponent(form), `${name}+url`);
    add(toBase64(form), `${name}+base64`);
    add(await digestHex('SHA-256', form), `${name}+sha256`);
    add(await digestHex('SHA-1', form), `${name}+sha1`);
    add(md5Hex(form), `${name}+md5`);
  }
  return canaries;
}

function toBase64(text: string): string {
  return btoa(String.fromCharCode(...new TextEncoder().encode(text))).replace(/=+$/, '');
}
