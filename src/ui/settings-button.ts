/**
 * `<samtycke-settings-button>`: the floating way back to the settings (R26).
 * A plain custom element without Lit, small enough for the head script to
 * show it to a returning visitor without any other download; a click asks for
 * the preferences, which loads the UI then.
 *
 * @cssproperty --samtycke-choice-bg / --samtycke-choice-fg - its colours
 * @cssproperty --samtycke-settings-inset - distance from the bottom corner where lines start: left, or right on a right-to-left page (default 1rem)
 */
import type { Consent } from '../consent/contract.js';
import { baseLocale, type ShippedLocale } from '../config/locale.js';
import { ElementBase } from '../internal/element-base.js';
import { pageLanguages } from '../internal/page-languages.js';

export const SETTINGS_TAG = 'samtycke-settings-button';

/** "Cookie settings" in each shipped locale; kept equal to each locale's `settings` text by a test. */
export const SETTINGS_LABELS: Readonly<Record<ShippedLocale, string>> = {
  en: 'Cookie settings',
  bg: 'Настройки за бисквитки',
  cs: 'Nastavení cookies',
  da: 'Cookieindstillinger',
  de: 'Cookie-Einstellungen',
  el: 'Ρυθμίσεις cookies',
  es: 'Configuración de cookies',
  et: 'Küpsiste seaded',
  fi: 'Evästeasetukset',
  fr: 'Paramètres des cookies',
  ga: 'Socruithe fianán',
  hr: 'Postavke kolačića',
  hu: 'Sütibeállítások',
  is: 'Stillingar vafrakakna',
  it: 'Impostazioni cookie',
  lt: 'Slapukų nustatymai',
  lv: 'Sīkdatņu iestatījumi',
  mt: 'Issettjar tal-cookies',
  nb: 'Innstillinger for informasjonskapsler',
  nl: 'Cookie-instellingen',
  pl: 'Ustawienia plików cookie',
  pt: 'Definições de cookies',
  ro: 'Setări cookie-uri',
  sk: 'Nastavenia súborov cookie',
  sl: 'Nastavitve piškotkov',
  sv: 'Cookieinställningar',
};

// The ring keeps the button visible on dark pages too, without a second colour scheme here; it sits
// in the bottom corner where lines start, so it mirrors on a right-to-left page.
const STYLE = `:host{position:fixed;z-index:var(--samtycke-z,2147483000);inset-inline-start:var(--samtycke-settings-inset,1rem);bottom:var(--samtycke-settings-inset,1rem)}button{display:grid;place-items:center;width:2.75rem;height:2.75rem;padding:0;border-radius:50%;cursor:pointer;background:var(--samtycke-choice-bg,#1d3b66);color:var(--samtycke-choice-fg,#fff);border:2px solid;box-shadow:0 2px 8px #0006}button:focus-visible{outline:3px solid var(--samtycke-focus,#0a53be);outline-offset:2px}@media print{:host{display:none}}`;

// A cookie with a bite out of it; decorative, the button is named by aria-label.
const ICON = 'M12 2a10 10 0 1 0 10 10 4 4 0 0 1-5-5 4 4 0 0 1-5-5zM8 9a1.5 1.5 0 1 1 0 3 1.5 1.5 0 0 1 0-3zm2 6a1.5 1.5 0 1 1 0 3 1.5 1.5 0 0 1 0-3zm6 0a1.5 1.5 0 1 1 0 3 1.5 1.5 0 0 1 0-3z';

declare global {
  interface HTMLElementTagNameMap {
    'samtycke-settings-button': SamtyckeSettingsButton;
  }
}

/** An SVG element with its attributes. */
function svg(tag: string, attributes: Readonly<Record<string, string>>): SVGElement {
  const element = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const name in attributes) element.setAttribute(name, attributes[name]!);
  return element;
}

/**
 * The floating "Cookie settings" button. Built with DOM calls and a
 * constructed style sheet: no markup strings, so it renders under Trusted
 * Types and a strict CSP, and nothing of it is printed.
 *
 * @csspart button - the round button
 */
export class SamtyckeSettingsButton extends ElementBase {
  /** The consent object whose preferences a click opens. */
  consent: Consent | null = null;

  connectedCallback(): void {
    if (this.shadowRoot) return;
    const root = this.attachShadow({ mode: 'open' });
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(STYLE);
    root.adoptedStyleSheets = [sheet];
    const button = document.createElement('button');
    button.type = 'button';
    button.setAttribute('part', 'button');
    const icon = svg('svg', { 'aria-hidden': 'true', width: '24', viewBox: '0 0 24 24', fill: 'currentColor' });
    icon.append(svg('path', { d: ICON }));
    button.append(icon);
    button.addEventListener('click', () => this.consent?.showPreferences());
    root.append(button);
    this.label(this.getAttribute('label') ?? SETTINGS_LABELS.en);
  }

  /** Names the button (its only text is the accessible name). */
  label(text: string): void {
    const button = this.shadowRoot?.querySelector('button');
    if (!button) return;
    button.setAttribute('aria-label', text);
    button.title = text;
  }
}

/**
 * The button's name in the language the banner would pick (R19): the site's
 * `settings` text for the first language it has one for, else the shipped
 * label of the first shipped language, else English.
 */
function settingsLabel(config: Consent['config']): [lang: string, label: string] {
  const labels = SETTINGS_LABELS as Readonly<Record<string, string | undefined>>;
  const own = (tag: string): string | undefined => {
    const text = config.texts?.[tag]?.settings;
    return typeof text === 'string' && text ? text : undefined;
  };
  for (const tag of pageLanguages(config.language)) {
    if (!tag) continue;
    const given = own(tag);
    if (given) return [tag, given];
    const base = baseLocale(tag);
    if (labels[base]) return [base, own(base) ?? labels[base]!];
  }
  return ['en', SETTINGS_LABELS.en];
}

/** Registers `<samtycke-settings-button>`, unless the page already has it. */
export function defineSettingsButton(): void {
  if (!customElements.get(SETTINGS_TAG)) customElements.define(SETTINGS_TAG, SamtyckeSettingsButton);
}

/**
 * Shows the floating button once a decision exists, unless the config turns it
 * off (`ui.settingsButton: false`, for sites with a footer link). Idempotent.
 */
export function mountSettingsButton(consent: Consent): void {
  const mount = (): void => {
    const config = consent.config;
    if (!consent.state.decided || config.ui?.settingsButton === false || !document.body) return;
    defineSettingsButton();
    let button = document.querySelector(SETTINGS_TAG);
    if (!button) {
      button = document.createElement(SETTINGS_TAG);
      const [lang, label] = settingsLabel(config);
      button.lang = lang;
      button.setAttribute('label', label);
      document.body.append(button);
    }
    button.consent = consent;
  };
  consent.on('change', mount);
  if (document.body) mount();
  else document.addEventListener('DOMContentLoaded', mount, { once: true });
}
