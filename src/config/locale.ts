/**
 * Picks the visitor's locale (R19): the config's `language`, then
 * `<html lang>`, then the browser's languages, then English. Kept apart from
 * the strings so the head bundle can name the settings button without them.
 */

/**
 * The one list of languages samtycke ships: the 24 official languages of the
 * EU, Norwegian Bokmål and Icelandic. UI strings, placeholder texts, plain
 * choice labels and the settings button's name are each a record keyed by
 * `ShippedLocale`, so the compiler refuses a language missing from any of them.
 */
export const SHIPPED_LOCALES = [
  'en', 'bg', 'cs', 'da', 'de', 'el', 'es', 'et', 'fi', 'fr', 'ga', 'hr', 'hu',
  'is', 'it', 'lt', 'lv', 'mt', 'nb', 'nl', 'pl', 'pt', 'ro', 'sk', 'sl', 'sv',
] as const;

/** A language samtycke ships strings for. */
export type ShippedLocale = (typeof SHIPPED_LOCALES)[number];

/** A text, or a text per locale: `"Analytics"` or `{ "en": "Analytics", "sv": "Statistik" }`. */
export type LocalText = string | Readonly<Record<string, string>>;

/** What the choice of language reads from a config (validated or not). */
export interface LanguageSettings {
  /** The config's `language`, if any. */
  readonly language?: string | undefined;
  /** The config's `texts`, keyed by language tag. */
  readonly texts?: Readonly<Record<string, unknown>> | undefined;
}

/** Norwegian without a written standard named, and Nynorsk, read Bokmål best of what we ship. */
const ALIASES: Record<string, string> = { no: 'nb', nn: 'nb' };

/**
 * The locale to show: the first candidate that the site gives texts for
 * (exactly) or that samtycke ships (by its language); English otherwise.
 * In the browser the candidates are `pageLanguages(config.language)`.
 * @example pickLocale({}, ['sv-SE', 'en']) // 'sv'
 */
export function pickLocale(config: LanguageSettings, candidates: readonly (string | null | undefined)[]): string {
  const own = Object.keys(config.texts ?? {});
  for (const candidate of candidates) {
    if (!candidate) continue;
    const tag = candidate.trim().toLowerCase();
    const exact = own.find((key) => key.toLowerCase() === tag);
    if (exact) return exact;
    const locale = baseLocale(tag);
    if ((SHIPPED_LOCALES as readonly string[]).includes(locale) || own.includes(locale)) return locale;
  }
  return 'en';
}

/** The shipped locale a language tag reads: "sv-SE" → "sv", "nn" → "nb". */
export function baseLocale(tag: string): string {
  const base = tag.toLowerCase().split(/[-_]/)[0]!;
  return ALIASES[base] ?? base;
}

/** A config text in the given locale: the locale, its base language, English, or the first one given. */
export function localize(text: LocalText | undefined, locale: string): string | undefined {
  if (text === undefined || typeof text === 'string') return text;
  return text[locale] ?? text[locale.split('-')[0]!] ?? text.en ?? Object.values(text)[0];
}

/** Scripts written right to left (ISO 15924). */
const RTL_SCRIPTS = new Set(['Adlm', 'Arab', 'Hebr', 'Mand', 'Nkoo', 'Rohg', 'Samr', 'Syrc', 'Thaa', 'Yezi']);
/** Languages written right to left, for a tag `Intl.Locale` refuses. */
const RTL = /^(ar|ckb|dv|fa|he|iw|ps|sd|ug|ur|yi)(-|$)|-(arab|hebr|nkoo|syrc|thaa)(-|$)/;

/**
 * The direction of a language's script: `rtl` for Arabic, Hebrew, Persian,
 * Urdu and the like (an explicit script subtag wins: "ku-Arab" is `rtl`).
 * The script is the tag's own or its likely one (`Intl.Locale#maximize`), the
 * same in every engine: `getTextInfo()` answers by language alone in WebKit
 * ("ku-Arab" is `ltr` there).
 * @example textDirection('ar-EG') // 'rtl'
 */
export function textDirection(tag: string): 'ltr' | 'rtl' {
  // Every shipped language is written left to right. Answered without Intl: the first `maximize()` of a
  // page loads the likely-subtags data, which costs more than the rest of the banner's start-up.
  if (!/[-_][a-z]{4}([-_]|$)/i.test(tag) && (SHIPPED_LOCALES as readonly string[]).includes(baseLocale(tag))) return 'ltr';
  try {
    const { script } = new Intl.Locale(tag).maximize();
    if (script) return RTL_SCRIPTS.has(script) ? 'rtl' : 'ltr';
  } catch {
    // Not a tag Intl accepts: the list below decides.
  }
  return RTL.test(tag.toLowerCase()) ? 'rtl' : 'ltr';
}
