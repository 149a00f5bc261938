import type { PlaceholderTexts } from './types.js';

/** Romanian: the placeholder, and the category titles of `src/ui/strings/ro.ts`. */
export const ro: PlaceholderTexts = {
  placeholder: 'Conținutul de la {service} ({provider}) nu este încărcat. Dacă îl încărcați, vă conectați la {host}: {provider} primește adresa dvs. IP și poate plasa cookie-uri sau citi informații de pe dispozitivul dvs.',
  placeholderLoadOnce: 'Încarcă o dată',
  placeholderAlwaysAllow: 'Permite mereu: {category}',
  placeholderUnavailable: 'Conținutul de la {host} nu poate fi afișat: acest site nu l-a descris pentru consimțământ.',
  functionalLabel: 'Funcționale',
  preferencesLabel: 'Preferințe',
  analyticsLabel: 'Statistici',
  marketingLabel: 'Publicitate',
  settings: 'Setări cookie-uri',
  mediaLabel: 'Conținut extern',
};
