/**
 * The labels a site may give the two choices (RULES R08): plain, symmetric,
 * per shipped language, the shipped label first. A language samtycke does not
 * ship has no list: its labels cannot be checked.
 */
import { baseLocale, type ShippedLocale } from './locale.js';

type Choice = 'rejectAll' | 'acceptAll';

/** Reject labels, then accept labels, each `|`-separated. */
const PLAIN: Readonly<Record<ShippedLocale, readonly [reject: string, accept: string]>> = {
  en: ['Reject all|Refuse all|Decline all', 'Accept all|Allow all'],
  sv: ['Avvisa alla|Neka alla', 'Godkänn alla|Acceptera alla'],
  fr: ['Tout refuser', 'Tout accepter'],
  de: ['Alle ablehnen', 'Alle akzeptieren'],
  fi: ['Hylkää kaikki', 'Hyväksy kaikki'],
  da: ['Afvis alle', 'Accepter alle'],
  nb: ['Avvis alle', 'Godta alle'],
  es: ['Rechazar todo', 'Aceptar todo'],
  it: ['Rifiuta tutto', 'Accetta tutto'],
  nl: ['Alles weigeren', 'Alles accepteren'],
  pl: ['Odrzuć wszystkie', 'Zaakceptuj wszystkie'],
};

/** The approved labels for a choice in a language ("sv-SE" reads "sv"); none for a language not listed. */
export function plainLabels(tag: string, choice: Choice): string[] {
  return (PLAIN as Readonly<Record<string, readonly [string, string]>>)[baseLocale(tag)]?.[choice === 'rejectAll' ? 0 : 1].split('|') ?? [];
}
