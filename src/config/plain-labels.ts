/**
 * The labels a site may give the two choices (RULES R08): plain, symmetric,
 * per shipped language, the shipped label first. A language samtycke does not
 * ship has no list: a site that brings one gives both labels, of similar
 * length (`symmetricLabels`).
 */
import { baseLocale, type ShippedLocale } from './locale.js';

type Choice = 'rejectAll' | 'acceptAll';

/**
 * Reject labels, then accept labels, each `|`-separated; the shipped pair
 * first. Each pair has one grammatical form (both imperatives, infinitives or
 * nouns) and the words the language's data-protection authority and its
 * readers use, e.g. the CNIL's "Tout refuser" / "Tout accepter".
 */
const PLAIN: Readonly<Record<ShippedLocale, readonly [reject: string, accept: string]>> = {
  en: ['Reject all|Refuse all|Decline all', 'Accept all|Allow all'],
  bg: ['Отхвърляне на всички', 'Приемане на всички'],
  cs: ['Odmítnout vše', 'Přijmout vše'],
  da: ['Afvis alle', 'Accepter alle'],
  de: ['Alle ablehnen', 'Alle akzeptieren'],
  el: ['Απόρριψη όλων', 'Αποδοχή όλων'],
  es: ['Rechazar todo', 'Aceptar todo'],
  et: ['Keeldu kõigist', 'Nõustu kõigiga'],
  fi: ['Hylkää kaikki', 'Hyväksy kaikki'],
  fr: ['Tout refuser', 'Tout accepter'],
  ga: ['Diúltaigh do gach ceann', 'Glac le gach ceann'],
  hr: ['Odbij sve', 'Prihvati sve'],
  hu: ['Összes elutasítása', 'Összes elfogadása'],
  is: ['Hafna öllu', 'Samþykkja allt'],
  it: ['Rifiuta tutto', 'Accetta tutto'],
  lt: ['Atmesti visus', 'Priimti visus'],
  lv: ['Noraidīt visus', 'Pieņemt visus'],
  mt: ['Irrifjuta kollox', 'Aċċetta kollox'],
  nb: ['Avvis alle', 'Godta alle'],
  nl: ['Alles weigeren', 'Alles accepteren'],
  pl: ['Odrzuć wszystkie', 'Zaakceptuj wszystkie'],
  pt: ['Rejeitar tudo|Recusar tudo', 'Aceitar tudo'],
  ro: ['Respinge toate', 'Acceptă toate'],
  sk: ['Odmietnuť všetko', 'Prijať všetko'],
  sl: ['Zavrni vse', 'Sprejmi vse'],
  sv: ['Avvisa alla|Neka alla', 'Godkänn alla|Acceptera alla'],
};

/** The approved labels for a choice in a language ("sv-SE" reads "sv"); none for a language not listed. */
export function plainLabels(tag: string, choice: Choice): string[] {
  return (PLAIN as Readonly<Record<string, readonly [string, string]>>)[baseLocale(tag)]?.[choice === 'rejectAll' ? 0 : 1].split('|') ?? [];
}

/**
 * Whether a pair of choice labels in a language samtycke does not ship is
 * symmetric enough to stand side by side (R08): both given, not the same, and
 * neither more than twice as long as the other (in characters).
 * @example symmetricLabels('Reddet', 'Kabul et') // true
 */
export function symmetricLabels(reject: string, accept: string): boolean {
  const [a, b] = [[...reject.trim()].length, [...accept.trim()].length];
  return a > 0 && b > 0 && reject.trim() !== accept.trim() && Math.max(a, b) <= 2 * Math.min(a, b);
}
