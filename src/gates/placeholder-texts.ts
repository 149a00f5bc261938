/**
 * The shipped texts of an embed's placeholder (R35), per language: English is
 * bundled with the gates; every other language is a chunk of a few hundred
 * bytes, fetched when a placeholder is drawn in it.
 */
import { baseLocale, type ShippedLocale } from '../config/locale.js';
import type { PlaceholderTexts } from './placeholder-texts/types.js';

export type { PlaceholderTexts } from './placeholder-texts/types.js';

/** English: the fallback, and what a language samtycke does not ship starts from. */
export const PLACEHOLDER_EN: PlaceholderTexts = {
  placeholder: '{service} ({provider}) is not loaded. Loading it connects you to {host}: {provider} receives your IP address and may set cookies or read your device.',
  placeholderLoadOnce: 'Load once',
  placeholderAlwaysAllow: 'Always allow {category}',
  placeholderUnavailable: 'Content from {host} cannot be shown: this site has not described it for consent.',
  functionalLabel: 'Functional',
  preferencesLabel: 'Preferences',
  analyticsLabel: 'Analytics',
  marketingLabel: 'Marketing',
  mediaLabel: 'External media',
  settings: 'Cookie settings',
};

/** A shipped language's module: one export, its texts. */
type Loader = () => Promise<Readonly<Record<string, PlaceholderTexts>>>;

const LOADERS: Record<Exclude<ShippedLocale, 'en'>, Loader> = {
  bg: () => import('./placeholder-texts/bg.js'),
  cs: () => import('./placeholder-texts/cs.js'),
  da: () => import('./placeholder-texts/da.js'),
  de: () => import('./placeholder-texts/de.js'),
  el: () => import('./placeholder-texts/el.js'),
  es: () => import('./placeholder-texts/es.js'),
  et: () => import('./placeholder-texts/et.js'),
  fi: () => import('./placeholder-texts/fi.js'),
  fr: () => import('./placeholder-texts/fr.js'),
  ga: () => import('./placeholder-texts/ga.js'),
  hr: () => import('./placeholder-texts/hr.js'),
  hu: () => import('./placeholder-texts/hu.js'),
  is: () => import('./placeholder-texts/is.js'),
  it: () => import('./placeholder-texts/it.js'),
  lt: () => import('./placeholder-texts/lt.js'),
  lv: () => import('./placeholder-texts/lv.js'),
  mt: () => import('./placeholder-texts/mt.js'),
  nb: () => import('./placeholder-texts/nb.js'),
  nl: () => import('./placeholder-texts/nl.js'),
  pl: () => import('./placeholder-texts/pl.js'),
  pt: () => import('./placeholder-texts/pt.js'),
  ro: () => import('./placeholder-texts/ro.js'),
  sk: () => import('./placeholder-texts/sk.js'),
  sl: () => import('./placeholder-texts/sl.js'),
  sv: () => import('./placeholder-texts/sv.js'),
};

/**
 * The shipped placeholder texts of `locale`'s language; English for a
 * language samtycke does not ship, or when the chunk cannot be fetched (all
 * three in one language, never a mix).
 * @example await placeholderTexts('pt-PT') // { placeholderLoadOnce: 'Carregar uma vez', … }
 */
export async function placeholderTexts(locale: string): Promise<PlaceholderTexts> {
  const load = (LOADERS as Readonly<Record<string, Loader | undefined>>)[baseLocale(locale)];
  try {
    return load ? Object.values(await load())[0]! : PLACEHOLDER_EN;
  } catch {
    return PLACEHOLDER_EN;
  }
}
