import type { PlaceholderTexts } from './types.js';

/** Croatian: the placeholder, and the category titles of `src/ui/strings/hr.ts`. */
export const hr: PlaceholderTexts = {
  placeholder: 'Sadržaj usluge {service} ({provider}) nije učitan. Učitavanjem se povezujete s {host}: {provider} dobiva vašu IP adresu i može postavljati kolačiće ili čitati podatke s vašeg uređaja.',
  placeholderLoadOnce: 'Učitaj jednom',
  placeholderAlwaysAllow: 'Uvijek dopusti kategoriju {category}',
  placeholderUnavailable: 'Sadržaj s {host} ne može se prikazati: ova ga stranica nije opisala za privolu.',
  functionalLabel: 'Funkcionalni',
  preferencesLabel: 'Preferencije',
  analyticsLabel: 'Analitički',
  marketingLabel: 'Marketinški',
  settings: 'Postavke kolačića',
  mediaLabel: 'Vanjski sadržaj',
};
