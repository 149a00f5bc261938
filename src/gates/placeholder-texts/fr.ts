import type { PlaceholderTexts } from './types.js';

/** French: the placeholder, and the category titles of `src/ui/strings/fr.ts`. */
export const fr: PlaceholderTexts = {
  placeholder: 'Le contenu de {service} ({provider}) n’est pas chargé. Le charger vous connecte à {host} : {provider} reçoit votre adresse IP et peut déposer des cookies ou lire des informations sur votre appareil.',
  placeholderLoadOnce: 'Charger une fois',
  placeholderAlwaysAllow: 'Toujours autoriser {category}',
  placeholderUnavailable: 'Le contenu de {host} ne peut pas être affiché : ce site ne l’a pas décrit pour le consentement.',
  functionalLabel: 'Fonctionnels',
  preferencesLabel: 'Préférences',
  analyticsLabel: 'Mesure d’audience',
  marketingLabel: 'Publicité',
  settings: 'Paramètres des cookies',
  mediaLabel: 'Contenus externes',
};
