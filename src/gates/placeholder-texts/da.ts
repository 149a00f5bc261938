import type { PlaceholderTexts } from './types.js';

/** Danish: the placeholder, and the category titles of `src/ui/strings/da.ts`. */
export const da: PlaceholderTexts = {
  placeholder: 'Indholdet fra {service} ({provider}) er ikke indlæst. Hvis du indlæser det, forbindes du til {host}: {provider} modtager din IP-adresse og kan sætte cookies eller læse oplysninger på din enhed.',
  placeholderLoadOnce: 'Indlæs én gang',
  placeholderAlwaysAllow: 'Tillad altid {category}',
  placeholderUnavailable: 'Indhold fra {host} kan ikke vises: webstedet har ikke beskrevet det med henblik på samtykke.',
  functionalLabel: 'Funktionelle',
  preferencesLabel: 'Præferencer',
  analyticsLabel: 'Statistik',
  marketingLabel: 'Markedsføring',
  settings: 'Cookieindstillinger',
  mediaLabel: 'Eksterne medier',
};
