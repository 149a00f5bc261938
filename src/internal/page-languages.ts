/**
 * The languages to pick from, in order (R19): the config's `language`, the
 * page's `<html lang>`, then the browser's. Kept out of `config/` so the
 * config code runs without a DOM (the command line validates configs too).
 */
export function pageLanguages(language?: string): (string | undefined)[] {
  return [language, document.documentElement.lang, ...(navigator.languages ?? [navigator.language])];
}
