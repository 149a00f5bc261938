import type { PlaceholderTexts } from './types.js';

/** German: the placeholder, and the category titles of `src/ui/strings/de.ts`. */
export const de: PlaceholderTexts = {
  placeholder: 'Inhalte von {service} ({provider}) sind nicht geladen. Beim Laden verbinden Sie sich mit {host}: {provider} erhält Ihre IP-Adresse und kann Cookies setzen oder Informationen auf Ihrem Gerät lesen.',
  placeholderLoadOnce: 'Einmal laden',
  placeholderAlwaysAllow: '{category} immer erlauben',
  placeholderUnavailable: 'Inhalte von {host} können nicht angezeigt werden: Diese Website hat sie nicht für eine Einwilligung beschrieben.',
  functionalLabel: 'Funktional',
  preferencesLabel: 'Präferenzen',
  analyticsLabel: 'Statistik',
  marketingLabel: 'Marketing',
  settings: 'Cookie-Einstellungen',
  mediaLabel: 'Externe Medien',
};
