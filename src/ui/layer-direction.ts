import { baseLocale, textDirection } from '../config/locale.js';

/**
 * The direction the layers take in `locale`: right to left when the
 * language's script is, or when the page is laid out right to left
 * (`<html dir="rtl">`) and the layers speak the page's language (or the page
 * names none). A layer in another language than the page's keeps its own
 * direction: English inside an Arabic page stays left to right.
 * @example layerDirection('ar') // 'rtl'
 */
export function layerDirection(locale: string, page: HTMLElement = document.documentElement): 'ltr' | 'rtl' {
  if (textDirection(locale) === 'rtl') return 'rtl';
  const samePageLanguage = !page.lang || baseLocale(page.lang) === baseLocale(locale);
  return samePageLanguage && getComputedStyle(page).direction === 'rtl' ? 'rtl' : 'ltr';
}
