import type { PlaceholderTexts } from './types.js';

/** Bulgarian: the placeholder, and the category titles of `src/ui/strings/bg.ts`. */
export const bg: PlaceholderTexts = {
  placeholder: 'Съдържанието на {service} ({provider}) не е заредено. Зареждането му ви свързва с {host}: {provider} получава вашия IP адрес и може да записва бисквитки или да чете информация от устройството ви.',
  placeholderLoadOnce: 'Зареждане веднъж',
  placeholderAlwaysAllow: 'Винаги разрешаване на {category}',
  placeholderUnavailable: 'Съдържанието от {host} не може да бъде показано: този сайт не го е описал за съгласие.',
  functionalLabel: 'Функционални',
  preferencesLabel: 'Предпочитания',
  analyticsLabel: 'Статистика',
  marketingLabel: 'Маркетинг',
  settings: 'Настройки за бисквитки',
  mediaLabel: 'Външно съдържание',
};
