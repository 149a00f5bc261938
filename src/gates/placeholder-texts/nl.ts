import type { PlaceholderTexts } from './types.js';

/** Dutch: the placeholder, and the category titles of `src/ui/strings/nl.ts`. */
export const nl: PlaceholderTexts = {
  placeholder: 'De inhoud van {service} ({provider}) is niet geladen. Als je die laadt, maak je verbinding met {host}: {provider} ontvangt je IP-adres en kan cookies plaatsen of informatie op je apparaat lezen.',
  placeholderLoadOnce: 'Eén keer laden',
  placeholderAlwaysAllow: '{category} altijd toestaan',
  placeholderUnavailable: 'Inhoud van {host} kan niet worden getoond: deze site heeft die niet beschreven voor toestemming.',
  functionalLabel: 'Functioneel',
  preferencesLabel: 'Voorkeuren',
  analyticsLabel: 'Statistieken',
  marketingLabel: 'Marketing',
  settings: 'Cookie-instellingen',
  mediaLabel: 'Externe media',
};
