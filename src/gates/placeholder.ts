/**
 * Click-to-load for an embed (R35): a box in the iframe's place that names
 * the service and its provider, says what loading it means, and offers
 * "Load once" and "Always allow <category>". Part of the gates module the
 * head script loads on demand (`gate-actions.ts`).
 *
 * It speaks the banner's language, with the shipped texts of every shipped
 * language; a site replaces them per language through the config's `texts`
 * (`placeholder`, `placeholderLoadOnce`, `placeholderAlwaysAllow`,
 * `placeholderUnavailable`, with
 * `{service}`, `{provider}`, `{host}`, `{category}`). Everything is built
 * with DOM calls: config strings never become markup.
 */
import { baseLocale, localize, pickLocale } from '../config/locale.js';
import type { PlaceholderKey } from '../config/texts.js';
import { looseList, looseRecord } from '../internal/loose.js';
import { pageLanguages } from '../internal/page-languages.js';
import { fill } from '../internal/template.js';
import { PLACEHOLDER_EN, placeholderTexts, type PlaceholderTexts } from './placeholder-texts.js';
import { readGateRules, serviceForHost } from './rules.js';

/** The embed a placeholder stands for. */
export interface Embed {
  /** Its `data-service` or `data-category`. */
  readonly id: string;
  /** The host its URL points to. */
  readonly host: string;
  /** The config (validated or raw), for names, labels and texts. */
  readonly config: unknown;
  /** The markup names no category or service of the config: nothing can load it, so no button is offered. */
  readonly unavailable?: boolean;
}

export interface PlaceholderActions {
  /** Loads this embed only, recorded as consent for `service`; nothing is stored. Called in the click (the proof needs its user activation). */
  loadOnce(service: string | undefined): void;
  /** Grants the category: a recorded decision, made in this click (it needs the click's user activation). */
  alwaysAllow(category: string, service: string | undefined): void;
}

/** A label or `{ [locale]: label }` in `locale`, then English, then any. */
const label = (value: unknown, locale: string): unknown => (typeof value === 'string' ? value : localize(looseRecord(value) as Record<string, string>, locale));

/** The texts of the message and the two buttons; an embed nothing can load has only its message. */
const KEYS: readonly PlaceholderKey[] = ['placeholder', 'placeholderLoadOnce', 'placeholderAlwaysAllow'];
const UNAVAILABLE: readonly PlaceholderKey[] = ['placeholderUnavailable'];

/**
 * Builds the placeholder and puts it right before the iframe; the caller
 * hides the iframe. In a language other than English the shipped texts
 * arrive with a small chunk (a site's own texts for the language go on top):
 * until then the box is `aria-busy`.
 */
export function createPlaceholder(frame: HTMLIFrameElement, embed: Embed, actions: PlaceholderActions): HTMLElement {
  const config = looseRecord(embed.config);
  const rules = readGateRules(config);
  // The service whose host the embed reaches first: that is who receives the visitor's data.
  const gated =
    serviceForHost(rules, embed.host) ?? rules.services.find((entry) => entry.id === embed.id) ?? rules.services.find((entry) => entry.category === embed.id);
  const categoryId = gated?.category ?? embed.id;
  const list = (value: unknown) => looseList(value).map(looseRecord);
  const category = list(config.categories).find((entry) => entry.id === categoryId) ?? {};
  const service = list(category.services).find((entry) => entry.id === gated?.id) ?? {};
  // The banner's choice of language (the config's `language`, `<html lang>`, the browser's), read from a config that may not be validated yet.
  const language = typeof config.language === 'string' ? config.language : undefined;
  const locale = pickLocale({ language, texts: looseRecord(config.texts) }, pageLanguages(language));
  const categoryLabel = label(category.label, locale);
  const name = typeof service.name === 'string' ? service.name : embed.host;
  // The shipped texts of the banner's language, then the site's for the language, then for the exact tag ("sv", then "sv-SE"); never another language's.
  const base = baseLocale(locale);
  const own = [...(base === locale ? [] : [base]), locale].map((tag) => looseRecord(looseRecord(config.texts)[tag]));
  const given = (key: string) => own.reduce<unknown>((found, layer) => (typeof layer[key] === 'string' && layer[key] ? layer[key] : found), undefined) as string | undefined;
  const size = (value: string | null, fallback: string) => (value ? (/^\d+$/.test(value) ? `${value}px` : value) : fallback);

  const box = document.createElement('div');
  box.setAttribute('data-samtycke-placeholder', gated?.id ?? categoryId);
  box.setAttribute('role', 'group');
  box.setAttribute('aria-label', name);
  box.style.cssText = `box-sizing:border-box;display:flex;flex-direction:column;justify-content:center;gap:.75em;padding:1em;border:1px solid;max-width:100%;width:${size(frame.getAttribute('width'), '100%')};min-height:${size(frame.getAttribute('height'), '150px')}`;
  const message = document.createElement('p');
  message.style.margin = '0';
  const buttons = document.createElement('div');
  for (const action of embed.unavailable ? [] : [() => actions.loadOnce(gated?.id), () => actions.alwaysAllow(categoryId, gated?.id)]) {
    const button = document.createElement('button');
    button.type = 'button';
    button.style.marginInlineEnd = '.5em';
    button.addEventListener('click', action);
    buttons.append(button);
  }
  box.append(message, buttons);
  box.lang = locale;
  const show = (shipped: PlaceholderTexts): void => {
    const text = (key: string): string | undefined => given(key) ?? (shipped as Readonly<Record<string, string | undefined>>)[key];
    const values = {
      service: name,
      provider: typeof service.provider === 'string' ? service.provider : name,
      host: embed.host,
      // The config's title, else the built-in one of a well-known id ("media": "External media"), else the id.
      category: typeof categoryLabel === 'string' ? categoryLabel : text(`${categoryId}Label`) ?? categoryId,
    };
    const keys = embed.unavailable ? UNAVAILABLE : KEYS;
    [message, ...buttons.children].forEach((element, i) => (element.textContent = fill(text(keys[i]!)!, values)));
    box.removeAttribute('aria-busy');
  };
  if (base === 'en') show(PLACEHOLDER_EN);
  else {
    box.setAttribute('aria-busy', 'true');
    placeholderTexts(locale).then(show);
  }
  frame.before(box);
  hideWhenPrinted();
  return box;
}

let printSheet: CSSStyleSheet | undefined;

/** Nothing of samtycke's on paper: one constructed sheet for the page hides every placeholder in print. */
function hideWhenPrinted(): void {
  if (printSheet || typeof CSSStyleSheet === 'undefined') return;
  printSheet = new CSSStyleSheet();
  printSheet.replaceSync('@media print{[data-samtycke-placeholder]{display:none!important}}');
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, printSheet];
}
