import type { PlaceholderTexts } from './types.js';

/** Finnish: the placeholder, and the category titles of `src/ui/strings/fi.ts`. */
export const fi: PlaceholderTexts = {
  placeholder: 'Palvelun {service} ({provider}) sisältöä ei ole ladattu. Lataaminen yhdistää sinut osoitteeseen {host}: {provider} saa IP-osoitteesi ja voi tallentaa evästeitä tai lukea tietoja laitteestasi.',
  placeholderLoadOnce: 'Lataa kerran',
  placeholderAlwaysAllow: 'Salli aina luokka {category}',
  placeholderUnavailable: 'Sisältöä palvelusta {host} ei voi näyttää: sivusto ei ole kuvannut sitä suostumusta varten.',
  functionalLabel: 'Toiminnalliset',
  preferencesLabel: 'Asetukset',
  analyticsLabel: 'Analytiikka',
  marketingLabel: 'Markkinointi',
  settings: 'Evästeasetukset',
  mediaLabel: 'Ulkoinen media',
};
