import type { PlaceholderTexts } from './types.js';

/** Spanish: the placeholder, and the category titles of `src/ui/strings/es.ts`. */
export const es: PlaceholderTexts = {
  placeholder: 'El contenido de {service} ({provider}) no se ha cargado. Al cargarlo te conectas a {host}: {provider} recibe tu dirección IP y puede instalar cookies o leer información de tu dispositivo.',
  placeholderLoadOnce: 'Cargar una vez',
  placeholderAlwaysAllow: 'Permitir siempre {category}',
  placeholderUnavailable: 'El contenido de {host} no se puede mostrar: este sitio no lo ha descrito para el consentimiento.',
  functionalLabel: 'Funcionales',
  preferencesLabel: 'Preferencias',
  analyticsLabel: 'Analítica',
  marketingLabel: 'Marketing',
  settings: 'Configuración de cookies',
  mediaLabel: 'Contenido externo',
};
