import type { PlaceholderTexts } from './types.js';

/** Icelandic: the placeholder, and the category titles of `src/ui/strings/is.ts`. */
export const is: PlaceholderTexts = {
  placeholder: 'Efni frá {service} ({provider}) hefur ekki verið hlaðið inn. Ef þú hleður því inn tengist þú {host}: {provider} fær IP-tölu þína og getur vistað vafrakökur eða lesið upplýsingar af tækinu þínu.',
  placeholderLoadOnce: 'Hlaða inn einu sinni',
  placeholderAlwaysAllow: 'Leyfa alltaf: {category}',
  placeholderUnavailable: 'Ekki er hægt að birta efni frá {host}: vefurinn hefur ekki lýst því til samþykkis.',
  functionalLabel: 'Virkni',
  preferencesLabel: 'Kjörstillingar',
  analyticsLabel: 'Tölfræði',
  marketingLabel: 'Markaðssetning',
  settings: 'Stillingar vafrakakna',
  mediaLabel: 'Ytra efni',
};
