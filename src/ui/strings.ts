/**
 * The UI texts for a locale: English is bundled (it is the fallback for every
 * missing key); every other locale is a small chunk fetched when needed.
 * A site's `texts` override any key; an empty text never replaces one.
 */
import type { Config } from '../config/config.js';
import { warn } from '../internal/dev.js';
import { en } from './strings/en.js';
import { baseLocale, type ShippedLocale } from '../config/locale.js';
import type { UiStrings } from './strings/types.js';

export type { UiStrings, StringKey } from './strings/types.js';

/** A shipped language's module: one export, its strings. */
type Loader = () => Promise<Readonly<Record<string, Partial<UiStrings>>>>;

/** One loader per shipped language but English, which is bundled. */
const LOADERS: Record<Exclude<ShippedLocale, 'en'>, Loader> = {
  sv: () => import('./strings/sv.js'),
  fr: () => import('./strings/fr.js'),
  de: () => import('./strings/de.js'),
  fi: () => import('./strings/fi.js'),
  da: () => import('./strings/da.js'),
  nb: () => import('./strings/nb.js'),
  es: () => import('./strings/es.js'),
  it: () => import('./strings/it.js'),
  nl: () => import('./strings/nl.js'),
  pl: () => import('./strings/pl.js'),
};

/** The shipped strings of a locale, without site overrides; English for an unknown one. */
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
function table(strings: Partial<UiStrings> | readonly unknown[]): Partial<UiStrings> {
  if (!Array.isArray(strings)) return strings as Partial<UiStrings>;
  return Object.fromEntries(Object.keys(en).sort().map((key, i) => [key, strings[i]])) as Partial<UiStrings>;
}

/**
 * Complete strings for a locale: English, the shipped strings of its language,
 * the site's texts for the language, then for the exact tag ("sv", then "sv-SE").
 */
export async function loadStrings(locale: string, config: Pick<Config, 'texts'>): Promise<UiStrings> {
  const merged: Record<string, string> = { ...en };
  const base = baseLocale(locale);
  const own = config.texts?.[locale] ?? {};
  for (const key of Object.keys(own)) if (!(key in en)) warn('unknown-text', `texts.${locale}.${key} is not a text of the UI and is ignored`);
  for (const layer of [await shippedStrings(locale), base === locale ? {} : config.texts?.[base] ?? {}, own]) {
    for (const [key, value] of Object.entries(layer)) if (key in en && typeof value === 'string' && value.trim() !== '') merged[key] = value;
  }
  return merged as unknown as UiStrings;
}
