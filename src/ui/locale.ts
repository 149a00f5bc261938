/**
 * Picks the visitor's locale (R19): the config's `language`, then
 * `<html lang>`, then the browser's languages, then English. Kept apart from
 * the strings so the head bundle can name the settings button without them.
 */
import type { Config, LocalText } from '../config.js';

/** Locales with shipped strings. */
export const SHIPPED = ['en', 'sv', 'fr', 'de', 'fi', 'da', 'nb', 'es', 'it', 'nl', 'pl'] as const;

/** Norwegian without a written standard named, and Nynorsk, read Bokmål best of what we ship. */
const ALIASES: Record<string, string> = { no: 'nb', nn: 'nb' };

export function pickLocale(config: Pick<Config, 'language' | 'texts'>, candidates: readonly (string | null | undefined)[] = defaultCandidates(config)): string {
  const own = Object.keys(config.texts ?? {});
  for (const candidate of candidates) {
    if (!candidate) continue;
    const tag = candidate.trim().toLowerCase();
    const exact = own.find((key) => key.toLowerCase() === tag);
    if (exact) return exact;
    const locale = baseLocale(tag);
    if ((SHIPPED as readonly string[]).includes(locale) || own.includes(locale)) return locale;
  }
  return 'en';
}

/** The shipped locale a language tag reads: "sv-SE" → "sv", "nn" → "nb". */
export function baseLocale(tag: string): string {
  const base = tag.toLowerCase().split(/[-_]/)[0]!;
  return ALIASES[base] ?? base;
}

function defaultCandidates(config: Pick<Config, 'language'>): (string | undefined)[] {
  return [config.language, document.documentElement.lang, ...(navigator.languages ?? [navigator.language])];
}

/** A config text in the given locale: the locale, its base language, English, or the first one given. */
export function localize(text: LocalText | undefined, locale: string): string | undefined {
  if (text === undefined || typeof text === 'string') return text;
  return text[locale] ?? text[locale.split('-')[0]!] ?? text.en ?? Object.values(text)[0];
}

/** Fills `{name}` placeholders. */
export function fill(template: string, values: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}
