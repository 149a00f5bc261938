/**
 * The texts samtycke shows, as a language sees them: every key (the banner,
 * the preferences, the settings button and the embed placeholders), which of
 * them count something, and the plural format those take.
 *
 * One list of keys serves the config check (a language samtycke does not
 * ship must give all of them), the UI's loaders and the placeholders.
 */
import { fill } from '../internal/template.js';

/** A plural category of `Intl.PluralRules` (CLDR): `zero`, `one`, `two`, `few`, `many` or `other`. */
export type PluralCategory = Intl.LDMLPluralRule;

/**
 * A counted text in the plural forms its language tells apart. `other` is
 * required and serves every category left out; `Intl.PluralRules` of the
 * locale picks the form for a count. Polish, for example, needs `one`, `few`
 * and `many`; Irish `one`, `two`, `few`, `many` and `other`.
 * @example { one: 'Data is shared with {count} third party.', other: 'Data is shared with {count} third parties.' }
 */
export type PluralForms = { readonly other: string } & { readonly [K in Exclude<PluralCategory, 'other'>]?: string };

/** A text with `{count}`: one string for every count, or one per plural form. */
export type Counted = string | PluralForms;

/**
 * Every text samtycke shows, for one locale. `{name}` marks a value filled in
 * when it is shown. Sites override any key per locale with the config's
 * `texts`; a language samtycke does not ship must give every key.
 */
export interface Texts {
  /** Heading of the first layer. */
  title: string;
  /** Introduces the purposes. `{controller}`: who decides (config `controller`, else `we`). */
  body: string;
  /** Who receives data. `{count}`: number of third parties. */
  recipients: Counted;
  /** Opens the list of third parties. */
  recipientsLink: string;
  /** That consent can be withdrawn at any time, and where. */
  withdraw: string;
  /** The controller when the config names none. */
  we: string;
  /** The link to the config's `policyUrl`. */
  policy: string;
  /** Refuses every purpose: plain, symmetric with `acceptAll` (R08). */
  rejectAll: string;
  /** Grants every purpose: plain, symmetric with `rejectAll` (R08). */
  acceptAll: string;
  /** Opens the preferences. */
  customise: string;
  /** Shown when the browser sends Global Privacy Control (R48). `{categories}`: the categories it keeps off; `{count}`: how many. */
  gpc: Counted;
  /** Saves the switches as set. */
  save: string;
  /** Title of the preferences and name of the floating button. */
  settings: string;
  /** Opens the preferences: what the switches mean. */
  intro: string;
  /** Closes the preferences without deciding. */
  close: string;
  /** The state of a strictly necessary category. */
  alwaysOn: string;
  /** `{count}`: number of services in a category. */
  services: Counted;
  /** Service details (R17). */
  provider: string;
  purpose: string;
  hosts: string;
  cookies: string;
  storage: string;
  retention: string;
  thirdPartyAccess: string;
  yes: string;
  no: string;
  transfer: string;
  country: string;
  dataSent: string;
  vendorPolicy: string;
  /** A detail the config does not declare. */
  notStated: string;
  /** Built-in titles and purposes of well-known category ids. */
  necessaryLabel: string;
  necessaryDescription: string;
  functionalLabel: string;
  functionalDescription: string;
  preferencesLabel: string;
  preferencesDescription: string;
  analyticsLabel: string;
  analyticsDescription: string;
  marketingLabel: string;
  marketingDescription: string;
  mediaLabel: string;
  mediaDescription: string;
  /** An embed's placeholder (R35). `{service}`, `{provider}`, `{host}`. */
  placeholder: string;
  /** Loads that one embed. */
  placeholderLoadOnce: string;
  /** Grants the embed's category. `{category}`: its title. */
  placeholderAlwaysAllow: string;
  /** Instead of the placeholder, for markup naming no category or service of the config: nothing can load it. `{host}`. */
  placeholderUnavailable: string;
}

/** A key of `Texts`. */
export type TextKey = keyof Texts;

/** The keys whose text counts something and may come in plural forms. */
export type CountedKey = { [K in TextKey]: Texts[K] extends string ? never : K }[TextKey];

/** The keys of an embed's placeholder, which the gates show (the UI shows the rest). */
export type PlaceholderKey = 'placeholder' | 'placeholderLoadOnce' | 'placeholderAlwaysAllow' | 'placeholderUnavailable';

// Every key once (the compiler refuses a missing or unknown one); 1 marks a counted text.
const KEYS: Readonly<Record<TextKey, 0 | 1>> = {
  title: 0, body: 0, recipients: 1, recipientsLink: 0, withdraw: 0, we: 0, policy: 0, rejectAll: 0, acceptAll: 0, customise: 0,
  gpc: 1, save: 0, settings: 0, intro: 0, close: 0, alwaysOn: 0, services: 1, provider: 0, purpose: 0, hosts: 0, cookies: 0,
  storage: 0, retention: 0, thirdPartyAccess: 0, yes: 0, no: 0, transfer: 0, country: 0, dataSent: 0, vendorPolicy: 0,
  notStated: 0, necessaryLabel: 0, necessaryDescription: 0, functionalLabel: 0, functionalDescription: 0, preferencesLabel: 0,
  preferencesDescription: 0, analyticsLabel: 0, analyticsDescription: 0, marketingLabel: 0, marketingDescription: 0,
  mediaLabel: 0, mediaDescription: 0, placeholder: 0, placeholderLoadOnce: 0, placeholderAlwaysAllow: 0, placeholderUnavailable: 0,
};

/** Every text key, in the order of `Texts`. */
export const TEXT_KEYS = Object.keys(KEYS) as readonly TextKey[];

/** Whether `key` is a text samtycke shows. */
export const isTextKey = (key: string): key is TextKey => Object.prototype.hasOwnProperty.call(KEYS, key);

/** Whether `key` counts something, so its text may come in plural forms. */
export const isCounted = (key: string): key is CountedKey => KEYS[key as TextKey] === 1;

/**
 * The plural category of `count` in `locale` (`Intl.PluralRules`), `other`
 * for a tag `Intl` refuses.
 * @example pluralCategory('pl', 5) // 'many'
 */
export function pluralCategory(locale: string, count: number): PluralCategory {
  // English by its CLDR rule (one: the integer 1): the first PluralRules of a page loads ICU's plural data.
  if (/^en(-[a-z\d]{2,8})*$/i.test(locale) && count % 1 === 0) return Math.abs(count) === 1 ? 'one' : 'other';
  try {
    return new Intl.PluralRules(locale).select(count);
  } catch {
    return 'other';
  }
}

/**
 * A counted text for `count`, in the form `locale` uses for it, with
 * `{count}` and any other `values` filled in.
 * @example countText({ one: '{count} third party', other: '{count} third parties' }, 1, 'en') // '1 third party'
 */
export function countText(text: Counted, count: number, locale: string, values: Readonly<Record<string, string | number>> = {}): string {
  const form = typeof text === 'string' ? text : text[pluralCategory(locale, count)] ?? text.other;
  return fill(form, { ...values, count });
}
