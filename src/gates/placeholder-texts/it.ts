import type { PlaceholderTexts } from './types.js';

/** Italian: the placeholder, and the category titles of `src/ui/strings/it.ts`. */
export const it: PlaceholderTexts = {
  placeholder: 'Il contenuto di {service} ({provider}) non è caricato. Caricandolo ti colleghi a {host}: {provider} riceve il tuo indirizzo IP e può impostare cookie o leggere informazioni dal tuo dispositivo.',
  placeholderLoadOnce: 'Carica una volta',
  placeholderAlwaysAllow: 'Consenti sempre {category}',
  placeholderUnavailable: 'Il contenuto di {host} non può essere mostrato: questo sito non lo ha descritto per il consenso.',
  functionalLabel: 'Funzionali',
  preferencesLabel: 'Preferenze',
  analyticsLabel: 'Statistiche',
  marketingLabel: 'Marketing',
  settings: 'Impostazioni cookie',
  mediaLabel: 'Contenuti esterni',
};
