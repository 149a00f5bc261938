/**
 * Click-to-load for an embed (R35): a box in the iframe's place that names
 * the service and its provider, says what loading it means, and offers
 * "Load once" and "Always allow <category>". Part of the gates module the
 * head script loads on demand (`gate-actions.ts`).
 *
 * Texts can be replaced per language through the config's `texts`
 * (`placeholder`, `placeholderLoadOnce`, `placeholderAlwaysAllow`,
 * `placeholderUnavailable`, with
 * `{service}`, `{provider}`, `{host}`, `{category}`). Everything is built
 * with DOM calls: config strings never become markup.
 */
import { localize, pickLocale } from '../config/locale.js';
import { looseList, looseRecord } from '../internal/loose.js';
import { pageLanguages } from '../internal/page-languages.js';
import { fill } from '../internal/template.js';
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

const DEFAULTS: Record<string, string> = {
  placeholder: '{service} ({provider}) is not loaded. Loading it connects you to {host}: {provider} receives your IP address and may set cookies or read your device.',
  placeholderLoadOnce: 'Load once',
  placeholderAlwaysAllow: 'Always allow {category}',
  placeholderUnavailable: 'Content from {host} cannot be shown: this site has not described it for consent.',
};

/** Builds the placeholder and puts it right before the iframe; the caller hides the iframe. */
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
  const values: Record<string, string> = {
    service: name,
    provider: typeof service.provider === 'string' ? service.provider : name,
    host: embed.host,
    category: typeof categoryLabel === 'string' ? categoryLabel : categoryId,
  };
  // Texts in another language than the banner's are not used: the built-in English ones are, never a mix.
  const texts = looseRecord(looseRecord(config.texts)[locale]);
  const text = (key: string) => fill(typeof texts[key] === 'string' ? (texts[key] as string) : DEFAULTS[key]!, values);
  const size = (value: string | null, fallback: string) => (value ? (/^\d+$/.test(value) ? `${value}px` : value) : fallback);

  const box = document.createElement('div');
  box.setAttribute('data-samtycke-placeholder', gated?.id ?? categoryId);
  box.setAttribute('role', 'group');
  box.setAttribute('aria-label', name);
  box.style.cssText = `box-sizing:border-box;display:flex;flex-direction:column;justify-content:center;gap:.75em;padding:1em;border:1px solid;max-width:100%;width:${size(frame.getAttribute('width'), '100%')};min-height:${size(frame.getAttribute('height'), '150px')}`;
  const message = document.createElement('p');
  message.style.margin = '0';
  message.textContent = text(embed.unavailable ? 'placeholderUnavailable' : 'placeholder');
  const buttons = document.createElement('div');
  for (const [key, action] of embed.unavailable ? [] : [
    ['placeholderLoadOnce', () => actions.loadOnce(gated?.id)],
    ['placeholderAlwaysAllow', () => actions.alwaysAllow(categoryId, gated?.id)],
  ] as const) {
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = text(key);
    button.style.marginInlineEnd = '.5em';
    button.addEventListener('click', action);
    buttons.append(button);
  }
  box.append(message, buttons);
  frame.before(box);
  return box;
}
