/**
 * `<samtycke-settings-button>`: the floating way back to the settings (R26).
 * A plain custom element without Lit, so the script-tag bundle can show it to a
 * returning visitor without downloading the UI chunk; a click asks for the
 * preferences, which loads the chunk then.
 *
 * @csspart button - the round button
 * @cssproperty --samtycke-choice-bg / --samtycke-choice-fg - its colours
 * @cssproperty --samtycke-settings-inset - distance from the bottom corner where lines start: left, or right on a right-to-left page (default 1rem)
 */
import type { Consent } from '../consent/contract.js';
import { baseLocale, pickLocale, type ShippedLocale } from '../config/locale.js';

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

/** The button's name in `locale`: the site's text for the tag, then for its language, then the shipped label, then English. */
function settingsLabel(config: Consent['config'], locale: string): string {
  const base = baseLocale(locale);
  const own = (tag: string) => config.texts?.[tag]?.settings;
  for (const text of [own(locale), own(base), (SETTINGS_LABELS as Readonly<Record<string, string | undefined>>)[base]]) if (typeof text === 'string' && text) return text;
  return SETTINGS_LABELS.en;
}

// The white ring keeps the button visible on dark pages too, without a second colour scheme here.
const STYLE = `:host{position:fixed;z-index:var(--samtycke-z,2147483000);inset-inline-start:var(--samtycke-settings-inset,1rem);bottom:var(--samtycke-settings-inset,1rem)}
button{display:grid;place-items:center;width:2.75rem;height:2.75rem;padding:0;border-radius:50%;cursor:pointer;background:var(--samtycke-choice-bg,#1d3b66);color:var(--samtycke-choice-fg,#fff);border:2px solid;box-shadow:0 2px 8px #0006}
button:focus-visible{outline:3px solid var(--samtycke-focus,#0a53be);outline-offset:2px}`;

// A cookie with a bite out of it; decorative, the button is named by aria-label.
const ICON = '<svg aria-hidden="true" width="24" height="24" viewBox="0 0 24 24" fill="currentColor"><path d="M12 2a10 10 0 1 0 10 10 4 4 0 0 1-5-5 4 4 0 0 1-5-5zm-4 7a1.5 1.5 0 1 1 0 3 1.5 1.5 0 0 1 0-3zm2 6a1.5 1.5 0 1 1 0 3 1.5 1.5 0 0 1 0-3zm6 0a1.5 1.5 0 1 1 0 3 1.5 1.5 0 0 1 0-3z"/></svg>';

declare global {
  interface HTMLElementTagNameMap {
    'samtycke-settings-button': SamtyckeSettingsButton;
  }
}

export class SamtyckeSettingsButton extends HTMLElement {
  consent: Consent | null = null;

  connectedCallback(): void {
    if (this.shadowRoot) return;
    const root = this.attachShadow({ mode: 'open' });
    root.innerHTML = `<style>${STYLE}</style><button type="button" part="button">${ICON}</button>`;
    root.querySelector('button')!.addEventListener('click', () => this.consent?.showPreferences());
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
    let button = document.querySelector<SamtyckeSettingsButton>(SETTINGS_TAG);
    if (!button) {
      button = document.createElement(SETTINGS_TAG) as SamtyckeSettingsButton;
      const locale = pickLocale(config);
      button.lang = locale;
      button.setAttribute('label', settingsLabel(config, locale));
      document.body.append(button);
    }
    button.consent = consent;
  };
  consent.on('change', mount);
  if (document.body) mount();
  else document.addEventListener('DOMContentLoaded', mount, { once: true });
}
