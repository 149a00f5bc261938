import type { PlaceholderTexts } from './types.js';

/** Slovenian: the placeholder, and the category titles of `src/ui/strings/sl.ts`. */
export const sl: PlaceholderTexts = {
  placeholder: 'Vsebina storitve {service} ({provider}) ni naložena. Če jo naložite, se povežete z {host}: {provider} prejme vaš naslov IP in lahko shranjuje piškotke ali bere podatke iz vaše naprave.',
  placeholderLoadOnce: 'Naloži enkrat',
  placeholderAlwaysAllow: 'Vedno dovoli kategorijo {category}',
  placeholderUnavailable: 'Vsebine s {host} ni mogoče prikazati: to spletno mesto je ni opisalo za privolitev.',
  functionalLabel: 'Funkcionalni',
  preferencesLabel: 'Prednostne nastavitve',
  analyticsLabel: 'Analitični',
  marketingLabel: 'Oglaševalski',
  settings: 'Nastavitve piškotkov',
  mediaLabel: 'Zunanja vsebina',
};
