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

type Loader = () => Promise<Partial<UiStrings>>;

/** One loader per shipped language but English, which is bundled. */
const LOADERS: Record<Exclude<ShippedLocale, 'en'>, Loader> = {
  sv: () => import('./strings/sv.js').then((m) => m.sv),
  fr: () => import('./strings/fr.js').then((m) => m.fr),
  de: () => import('./strings/de.js').then((m) => m.de),
  fi: () => import('./strings/fi.js').then((m) => m.fi),
  da: () => import('./strings/da.js').then((m) => m.da),
  nb: () => import('./strings/nb.js').then((m) => m.nb),
  es: () => import('./strings/es.js').then((m) => m.es),
  it: () => import('./strings/it.js').then((m) => m.it),
  nl: () => import('./strings/nl.js').then((m) => m.nl),
  pl: () => import('./strings/pl.js').then((m) => m.pl),
};

/** The shipped strings of a locale, without site overrides; English for an unknown one. */
export async function shippedStrings(locale: string): Promise<Partial<UiStrings>> {
  const load = (LOADERS as Readonly<Record<string, Loader | undefined>>)[baseLocale(locale)];
  if (!load) return en;
  try {
    return await load();
  } catch {
    // A chunk that fails to load must still leave a usable, complete banner.
    return {};
  }
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
