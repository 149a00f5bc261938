import type { PlaceholderTexts } from './types.js';

/** Polish: the placeholder, and the category titles of `src/ui/strings/pl.ts`. */
export const pl: PlaceholderTexts = {
  placeholder: 'Treść z usługi {service} ({provider}) nie została wczytana. Wczytanie jej połączy Cię z {host}: {provider} otrzyma Twój adres IP i może zapisywać pliki cookie lub odczytywać informacje z Twojego urządzenia.',
  placeholderLoadOnce: 'Wczytaj raz',
  placeholderAlwaysAllow: 'Zawsze zezwalaj na kategorię {category}',
  placeholderUnavailable: 'Nie można wyświetlić treści z {host}: ta witryna nie opisała jej na potrzeby zgody.',
  functionalLabel: 'Funkcjonalne',
  preferencesLabel: 'Preferencje',
  analyticsLabel: 'Statystyczne',
  marketingLabel: 'Marketingowe',
  settings: 'Ustawienia plików cookie',
  mediaLabel: 'Media zewnętrzne',
};
