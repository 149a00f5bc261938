import { md5Hex } from './md5.js';
import { digestHex } from '../internal/digest.js';

/** One way a visitor's value may appear in a request. */
export interface Canary {
  /** The string to look for (lowercase). */
  needle: string;
  /** The form field it came from: its name, id or type. */
  field: string;
  /** How the value was encoded: raw, normalised, e164, url, base64, sha256, sha1, md5. */
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

export function fieldName(element: HTMLInputElement): string {
  return element.name || element.id || element.type;
}

/** The variants a vendor script commonly derives from a value before sending it. */
export async function canariesFor(value: string, field: string): Promise<Canary[]> {
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
    if (needle.length >= MIN_NEEDLE && !canaries.some((canary) => canary.needle === needle.toLowerCase())) canaries.push({ needle: needle.toLowerCase(), field, encoding });
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
