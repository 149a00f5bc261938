import type { PlaceholderTexts } from './types.js';

/** Czech: the placeholder, and the category titles of `src/ui/strings/cs.ts`. */
export const cs: PlaceholderTexts = {
  placeholder: 'Obsah služby {service} ({provider}) není načten. Jeho načtením se připojíte k {host}: {provider} získá vaši IP adresu a může ukládat cookies nebo číst údaje z vašeho zařízení.',
  placeholderLoadOnce: 'Načíst jednou',
  placeholderAlwaysAllow: 'Vždy povolit kategorii {category}',
  placeholderUnavailable: 'Obsah z {host} nelze zobrazit: tento web jej nepopsal pro udělení souhlasu.',
  functionalLabel: 'Funkční',
  preferencesLabel: 'Předvolby',
  analyticsLabel: 'Statistické',
  marketingLabel: 'Marketingové',
  settings: 'Nastavení cookies',
  mediaLabel: 'Externí obsah',
};
