/**
 * The UI texts for a locale: English is bundled (it is the fallback for every
 * missing key); every other locale is a small chunk fetched when needed.
 * A site's `texts` override any key; an empty text never replaces one.
 */
import type { Config } from '../config/config.js';
import { baseLocale, type ShippedLocale } from '../config/locale.js';
import { isCounted, isTextKey } from '../config/texts.js';
import { warn } from '../internal/dev.js';
import { en } from './strings/en.js';
import type { UiStrings } from './strings/types.js';

export type { UiStrings, StringKey } from './strings/types.js';

/** A shipped language's module: one export, its strings. */
type Loader = () => Promise<Readonly<Record<string, UiStrings>>>;

/** One loader per shipped language but English, which is bundled: each is a chunk of its own. */
const LOADERS: Record<Exclude<ShippedLocale, 'en'>, Loader> = {
  bg: () => import('./strings/bg.js'),
  cs: () => import('./strings/cs.js'),
  da: () => import('./strings/da.js'),
  de: () => import('./strings/de.js'),
  el: () => import('./strings/el.js'),
  es: () => import('./strings/es.js'),
  et: () => import('./strings/et.js'),
  fi: () => import('./strings/fi.js'),
  fr: () => import('./strings/fr.js'),
  ga: () => import('./strings/ga.js'),
  hr: () => import('./strings/hr.js'),
  hu: () => import('./strings/hu.js'),
  is: () => import('./strings/is.js'),
  it: () => import('./strings/it.js'),
  lt: () => import('./strings/lt.js'),
  lv: () => import('./strings/lv.js'),
  mt: () => import('./strings/mt.js'),
  nb: () => import('./strings/nb.js'),
  nl: () => import('./strings/nl.js'),
  pl: () => import('./strings/pl.js'),
  pt: () => import('./strings/pt.js'),
  ro: () => import('./strings/ro.js'),
  sk: () => import('./strings/sk.js'),
  sl: () => import('./strings/sl.js'),
  sv: () => import('./strings/sv.js'),
};

/** The shipped strings of a locale, without site overrides; English for a language samtycke does not ship. */
export async function shippedStrings(locale: string): Promise<Partial<UiStrings>> {
  const load = (LOADERS as Readonly<Record<string, Loader | undefined>>)[baseLocale(locale)];
  if (!load) return en;
  try {
    return table(Object.values(await load())[0]!);
  } catch {
    // A chunk that fails to load must still leave a usable, complete banner.
    return {};
  }
}

/**
 * The strings of a shipped language. The build sends them as a bare list of
 * values in the sorted order of the keys (rollup.config.mjs, `stringTables`),
 * which keeps each locale chunk about a sixth smaller; the sources, which the
 * tests run, keep the keys.
 */
function table(strings: UiStrings | readonly unknown[]): UiStrings {
  if (!Array.isArray(strings)) return strings as UiStrings;
  return Object.fromEntries(Object.keys(en).sort().map((key, i) => [key, strings[i]])) as unknown as UiStrings;
}

/** A text worth showing: not empty, or plural forms (with `other`) where the key counts something. */
const usable = (key: string, value: unknown): boolean =>
  typeof value === 'string' ? value.trim() !== '' : isCounted(key) && typeof (value as { other?: unknown } | null)?.other === 'string';

/**
 * Complete strings for a locale: English, the shipped strings of its language,
 * the site's texts for the language, then for the exact tag ("sv", then "sv-SE").
 * A language samtycke does not ship comes complete from the site (the config
 * check asks for every key), so nothing of it is English.
 */
export async function loadStrings(locale: string, config: Pick<Config, 'texts'>): Promise<UiStrings> {
  const merged: Record<string, unknown> = { ...en };
  const base = baseLocale(locale);
  const own = config.texts?.[locale] ?? {};
  for (const key of Object.keys(own)) if (!isTextKey(key)) warn('unknown-text', `texts.${locale}.${key} is not a text of samtycke and is ignored`);
  for (const layer of [await shippedStrings(locale), base === locale ? {} : config.texts?.[base] ?? {}, own]) {
    for (const [key, value] of Object.entries(layer)) if (key in en && usable(key, value)) merged[key] = value;
  }
  return merged as unknown as UiStrings;
}
