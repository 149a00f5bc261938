import type { PlaceholderTexts } from './types.js';

/** Lithuanian: the placeholder, and the category titles of `src/ui/strings/lt.ts`. */
export const lt: PlaceholderTexts = {
  placeholder: 'Paslaugos {service} ({provider}) turinys neįkeltas. Jį įkėlę prisijungsite prie {host}: {provider} gaus jūsų IP adresą ir gali įrašyti slapukus ar nuskaityti informaciją iš jūsų įrenginio.',
  placeholderLoadOnce: 'Įkelti vieną kartą',
  placeholderAlwaysAllow: 'Visada leisti kategoriją {category}',
  placeholderUnavailable: 'Turinio iš {host} parodyti negalima: ši svetainė jo neaprašė sutikimui.',
  functionalLabel: 'Funkciniai',
  preferencesLabel: 'Nuostatos',
  analyticsLabel: 'Statistika',
  marketingLabel: 'Rinkodara',
  settings: 'Slapukų nustatymai',
  mediaLabel: 'Išorinis turinys',
};
