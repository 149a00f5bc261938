import type { PlaceholderTexts } from './types.js';

/** Irish: the placeholder, and the category titles of `src/ui/strings/ga.ts`. */
export const ga: PlaceholderTexts = {
  placeholder: 'Níl ábhar {service} ({provider}) lódáilte. Má lódálann tú é, ceanglófar thú le {host}: faigheann {provider} do sheoladh IP agus féadfaidh sé fianáin a shocrú nó faisnéis a léamh ar do ghléas.',
  placeholderLoadOnce: 'Lódáil uair amháin',
  placeholderAlwaysAllow: 'Ceadaigh i gcónaí: {category}',
  placeholderUnavailable: 'Ní féidir ábhar ó {host} a thaispeáint: níor chuir an suíomh seo síos air le haghaidh toilithe.',
  functionalLabel: 'Feidhmiúil',
  preferencesLabel: 'Sainroghanna',
  analyticsLabel: 'Anailísíocht',
  marketingLabel: 'Margaíocht',
  settings: 'Socruithe fianán',
  mediaLabel: 'Meáin sheachtracha',
};
