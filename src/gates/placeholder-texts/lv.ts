import type { PlaceholderTexts } from './types.js';

/** Latvian: the placeholder, and the category titles of `src/ui/strings/lv.ts`. */
export const lv: PlaceholderTexts = {
  placeholder: 'Pakalpojuma {service} ({provider}) saturs nav ielādēts. Ielādējot to, jūs izveidosiet savienojumu ar {host}: {provider} saņems jūsu IP adresi un var saglabāt sīkdatnes vai nolasīt informāciju no jūsu ierīces.',
  placeholderLoadOnce: 'Ielādēt vienreiz',
  placeholderAlwaysAllow: 'Vienmēr atļaut: {category}',
  placeholderUnavailable: 'Saturu no {host} nevar parādīt: šī vietne to nav aprakstījusi piekrišanai.',
  functionalLabel: 'Funkcionālās',
  preferencesLabel: 'Preferences',
  analyticsLabel: 'Statistika',
  marketingLabel: 'Mārketings',
  settings: 'Sīkdatņu iestatījumi',
  mediaLabel: 'Ārējais saturs',
};
