import type { PlaceholderTexts } from './types.js';

/** Maltese: the placeholder, and the category titles of `src/ui/strings/mt.ts`. */
export const mt: PlaceholderTexts = {
  placeholder: 'Il-kontenut ta’ {service} ({provider}) mhux imtella’. Jekk ittellgħu, tikkonnettja ma’ {host}: {provider} jirċievi l-indirizz IP tiegħek u jista’ jpoġġi cookies jew jaqra informazzjoni mill-apparat tiegħek.',
  placeholderLoadOnce: 'Tella’ darba',
  placeholderAlwaysAllow: 'Dejjem ippermetti {category}',
  placeholderUnavailable: 'Il-kontenut minn {host} ma jistax jintwera: dan is-sit ma ddeskriviehx għall-kunsens.',
  functionalLabel: 'Funzjonali',
  preferencesLabel: 'Preferenzi',
  analyticsLabel: 'Analitika',
  marketingLabel: 'Reklamar',
  settings: 'Issettjar tal-cookies',
  mediaLabel: 'Kontenut estern',
};
