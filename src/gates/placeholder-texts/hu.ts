import type { PlaceholderTexts } from './types.js';

/** Hungarian: the placeholder, and the category titles of `src/ui/strings/hu.ts`. */
export const hu: PlaceholderTexts = {
  placeholder: 'Nincs betöltve: {service} ({provider}). A betöltéskor kapcsolódik ehhez: {host}; {provider} megkapja az Ön IP-címét, és sütiket helyezhet el vagy adatokat olvashat ki az eszközéről.',
  placeholderLoadOnce: 'Betöltés egyszer',
  placeholderAlwaysAllow: 'Mindig engedélyezem: {category}',
  placeholderUnavailable: 'A(z) {host} tartalma nem jeleníthető meg: ez a webhely nem írta le a hozzájáruláshoz.',
  functionalLabel: 'Funkcionális',
  preferencesLabel: 'Preferenciák',
  analyticsLabel: 'Statisztika',
  marketingLabel: 'Marketing',
  settings: 'Sütibeállítások',
  mediaLabel: 'Külső tartalom',
};
