import type { PlaceholderTexts } from './types.js';

/** Swedish: the placeholder, and the category titles of `src/ui/strings/sv.ts`. */
export const sv: PlaceholderTexts = {
  placeholder: 'Innehållet från {service} ({provider}) är inte laddat. Om du laddar det ansluter du till {host}: {provider} får din IP-adress och kan sätta kakor eller läsa information på din enhet.',
  placeholderLoadOnce: 'Ladda en gång',
  placeholderAlwaysAllow: 'Tillåt alltid {category}',
  placeholderUnavailable: 'Innehåll från {host} kan inte visas: webbplatsen har inte beskrivit det för samtycke.',
  functionalLabel: 'Funktionella',
  preferencesLabel: 'Inställningar',
  analyticsLabel: 'Statistik',
  marketingLabel: 'Marknadsföring',
  settings: 'Cookieinställningar',
  mediaLabel: 'Extern media',
};
