import type { PlaceholderTexts } from './types.js';

/** Norwegian Bokmål: the placeholder, and the category titles of `src/ui/strings/nb.ts`. */
export const nb: PlaceholderTexts = {
  placeholder: 'Innholdet fra {service} ({provider}) er ikke lastet inn. Hvis du laster det inn, kobles du til {host}: {provider} mottar IP-adressen din og kan lagre informasjonskapsler eller lese informasjon på enheten din.',
  placeholderLoadOnce: 'Last inn én gang',
  placeholderAlwaysAllow: 'Tillat alltid {category}',
  placeholderUnavailable: 'Innhold fra {host} kan ikke vises: nettstedet har ikke beskrevet det for samtykke.',
  functionalLabel: 'Funksjonelle',
  preferencesLabel: 'Preferanser',
  analyticsLabel: 'Statistikk',
  marketingLabel: 'Markedsføring',
  settings: 'Innstillinger for informasjonskapsler',
  mediaLabel: 'Eksterne medier',
};
