import type { CategoryConfig, Config } from '../config/config.js';
import { localize } from '../config/locale.js';
import type { UiStrings } from './strings.js';

/** A category's title: from the config, else the built-in one for a well-known id, else the id. */
export function categoryLabel(category: CategoryConfig, strings: UiStrings, locale: string): string {
  const builtIn = (strings as unknown as Record<string, string | undefined>)[`${category.necessary && !category.label ? 'necessary' : category.id}Label`];
  return localize(category.label, locale) ?? builtIn ?? category.id;
}

export function categoryDescription(category: CategoryConfig, strings: UiStrings, locale: string): string {
  const builtIn = (strings as unknown as Record<string, string | undefined>)[`${category.necessary && !category.description ? 'necessary' : category.id}Description`];
  return localize(category.description, locale) ?? builtIn ?? '';
}

/** How many third parties receive data with consent: distinct providers (or services without one) outside the necessary categories. */
export function recipientCount(config: Config): number {
  const recipients = new Set<string>();
  for (const category of config.categories) {
    if (category.necessary) continue;
    for (const service of category.services) recipients.add(service.provider ?? service.name);
  }
  return recipients.size;
}

/**
 * Items joined as the locale lists them ("Marketing and Advertising",
 * "Marketing et Publicité"); with commas where `Intl.ListFormat` refuses the tag.
 * @example listText(['A', 'B'], 'sv') // 'A och B'
 */
export function listText(items: readonly string[], locale: string): string {
  try {
    return new Intl.ListFormat(locale, { type: 'conjunction' }).format(items);
  } catch {
    return items.join(', ');
  }
}
