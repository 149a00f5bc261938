import type { PlaceholderTexts } from './types.js';

/** Portuguese (Portugal): the placeholder, and the category titles of `src/ui/strings/pt.ts`. */
export const pt: PlaceholderTexts = {
  placeholder: 'O conteúdo de {service} ({provider}) não está carregado. Ao carregá-lo, liga-se a {host}: {provider} recebe o seu endereço IP e pode guardar cookies ou ler informações do seu dispositivo.',
  placeholderLoadOnce: 'Carregar uma vez',
  placeholderAlwaysAllow: 'Permitir sempre {category}',
  placeholderUnavailable: 'O conteúdo de {host} não pode ser mostrado: este site não o descreveu para consentimento.',
  functionalLabel: 'Funcionais',
  preferencesLabel: 'Preferências',
  analyticsLabel: 'Análise',
  marketingLabel: 'Publicidade',
  settings: 'Definições de cookies',
  mediaLabel: 'Conteúdos externos',
};
