import type { PlaceholderTexts } from './types.js';

/** Estonian: the placeholder, and the category titles of `src/ui/strings/et.ts`. */
export const et: PlaceholderTexts = {
  placeholder: 'Teenuse {service} ({provider}) sisu pole laaditud. Laadimisel luuakse ühendus domeeniga {host}: {provider} saab teie IP-aadressi ning võib salvestada küpsiseid või lugeda teie seadmest teavet.',
  placeholderLoadOnce: 'Laadi üks kord',
  placeholderAlwaysAllow: 'Luba alati: {category}',
  placeholderUnavailable: 'Sisu saidilt {host} ei saa kuvada: see veebisait ei ole seda nõusoleku jaoks kirjeldanud.',
  functionalLabel: 'Funktsionaalsed',
  preferencesLabel: 'Eelistused',
  analyticsLabel: 'Analüütika',
  marketingLabel: 'Turundus',
  settings: 'Küpsiste seaded',
  mediaLabel: 'Väline sisu',
};
