import type { PlaceholderTexts } from './types.js';

/** Slovak: the placeholder, and the category titles of `src/ui/strings/sk.ts`. */
export const sk: PlaceholderTexts = {
  placeholder: 'Obsah služby {service} ({provider}) nie je načítaný. Jeho načítaním sa pripojíte k {host}: {provider} získa vašu IP adresu a môže ukladať súbory cookie alebo čítať informácie z vášho zariadenia.',
  placeholderLoadOnce: 'Načítať raz',
  placeholderAlwaysAllow: 'Vždy povoliť kategóriu {category}',
  placeholderUnavailable: 'Obsah z {host} nemožno zobraziť: táto stránka ho neopísala na udelenie súhlasu.',
  functionalLabel: 'Funkčné',
  preferencesLabel: 'Preferencie',
  analyticsLabel: 'Štatistické',
  marketingLabel: 'Marketingové',
  settings: 'Nastavenia súborov cookie',
  mediaLabel: 'Externý obsah',
};
