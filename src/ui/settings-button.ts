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
import { baseLocale, SHIPPED_LOCALES, type ShippedLocale } from '../config/locale.js';
import { ElementBase } from '../internal/element-base.js';
import { pageLanguages } from '../internal/page-languages.js';

export const SETTINGS_TAG = 'samtycke-settings-button';

/** The button's name until a shipped language's name is known (and for English pages). */
const ENGLISH_LABEL = 'Cookie settings';

/**
 * Fetches the button's name in a shipped language (`sv` → "Cookieinställningar"):
 * the head script reads it from that language's placeholder-texts chunk
 * (`samtycke-gates-<locale>.js`, under 0.5 KB), the npm UI from its strings.
 * Resolves `undefined` when there is none.
 */
export type SettingsLabelSource = (locale: ShippedLocale) => Promise<string | undefined>;

/** Names fetched before, by language, so a returning visitor's button is named without a request. Written only after a decision. */
const LABEL_CACHE = 'samtycke:settings-labels';

function cachedLabels(): Readonly<Record<string, unknown>> {
  try {
    const cached: unknown = JSON.parse(localStorage.getItem(LABEL_CACHE) ?? '{}');
    return cached && typeof cached === 'object' ? (cached as Record<string, unknown>) : {};
  } catch {
    // Storage blocked, or a forged value: fetch the name again.
    return {};
  }
}

function cacheLabel(locale: string, label: string): void {
  try {
    localStorage.setItem(LABEL_CACHE, JSON.stringify({ ...cachedLabels(), [locale]: label }));
  } catch {
    // Without storage the name is fetched on each page view instead.
  }
}

// A cookie with a bite out of it, decorative (the button is named by aria-label): a square of the text colour
// cut to the path, drawn by the style sheet rather than an SVG element; kept in the text colour in forced-colours
// mode. The ring keeps the button visible on dark pages too, without a second colour scheme here; it sits
// in the bottom corner where lines start, so it mirrors on a right-to-left page.
const ICON = 'M12 2a10 10 0 1 0 10 10 4 4 0 0 1-5-5 4 4 0 0 1-5-5zM8 9a1.5 1.5 0 1 1 0 3 1.5 1.5 0 0 1 0-3zm2 6a1.5 1.5 0 1 1 0 3 1.5 1.5 0 0 1 0-3zm6 0a1.5 1.5 0 1 1 0 3 1.5 1.5 0 0 1 0-3z';
const STYLE = `:host{position:fixed;z-index:var(--samtycke-z,2147483000);inset-inline-start:var(--samtycke-settings-inset,1rem);bottom:var(--samtycke-settings-inset,1rem)}button{display:grid;place-items:center;width:2.75rem;height:2.75rem;border-radius:50%;background:var(--samtycke-choice-bg,#1d3b66);color:var(--samtycke-choice-fg,#fff);border:2px solid}button:focus-visible{outline:3px solid var(--samtycke-focus,#0a53be);outline-offset:2px}button::before{content:'';width:24px;height:24px;background:currentColor;forced-color-adjust:none;clip-path:path('${ICON}')}@media print{:host{display:none}}`;

declare global {
  interface HTMLElementTagNameMap {
    'samtycke-settings-button': SamtyckeSettingsButton;
  }
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
    button.addEventListener('click', () => this.consent?.showPreferences());
    root.append(button);
    this.label(this.getAttribute('label') ?? ENGLISH_LABEL);
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
 * `settings` text for the first language it has one for, else the name of
 * the first shipped language (built in for English, cached after one fetch
 * for the others: `label` is then missing until fetched), else English.
 */
function settingsLabel(config: Consent['config']): { lang: string; label: string | undefined } {
  const own = (tag: string): string | undefined => {
    const text = config.texts?.[tag]?.settings;
    return typeof text === 'string' && text ? text : undefined;
  };
  for (const tag of pageLanguages(config.language)) {
    if (!tag) continue;
    const given = own(tag);
    if (given) return { lang: tag, label: given };
    const base = baseLocale(tag);
    if (!(SHIPPED_LOCALES as readonly string[]).includes(base)) continue;
    // Storage only when needed: its first read on a page is a round trip to the browser process.
    const label = own(base) ?? (base === 'en' ? ENGLISH_LABEL : cachedLabels()[base]);
    return { lang: base, label: typeof label === 'string' ? label : undefined };
  }
  return { lang: 'en', label: ENGLISH_LABEL };
}

/** Registers `<samtycke-settings-button>`, unless the page already has it. */
export function defineSettingsButton(): void {
  if (!customElements.get(SETTINGS_TAG)) customElements.define(SETTINGS_TAG, SamtyckeSettingsButton);
}

/**
 * Shows the floating button once a decision exists, unless the config turns it
 * off (`ui.settingsButton: false`, for sites with a footer link). Idempotent.
 * @param fetchLabel - where a shipped language's name comes from the first
 *   time; it is then kept in `localStorage` (`samtycke:settings-labels`), so
 *   later page views name the button without a request. Without it, English.
 * @example mountSettingsButton(consent, (locale) => shippedStrings(locale).then((strings) => strings.settings));
 */
export function mountSettingsButton(consent: Consent, fetchLabel?: SettingsLabelSource): void {
  const mount = (): void => {
    const config = consent.config;
    if (!consent.state.decided || config.ui?.settingsButton === false || !document.body) return;
    defineSettingsButton();
    let button = document.querySelector(SETTINGS_TAG);
    if (!button) {
      const created = (button = document.createElement(SETTINGS_TAG));
      const { lang, label } = settingsLabel(config);
      // Never nameless: English until the visitor's language has been fetched.
      created.lang = label ? lang : 'en';
      created.setAttribute('label', label ?? ENGLISH_LABEL);
      document.body.append(created);
      if (!label && fetchLabel) {
        fetchLabel(lang as ShippedLocale).then(
          (fetched) => {
            if (!fetched) return;
            created.lang = lang;
            created.setAttribute('label', fetched);
            created.label(fetched);
            cacheLabel(lang, fetched);
          },
          () => undefined,
        );
      }
    }
    button.consent = consent;
  };
  consent.on('change', mount);
  if (document.body) mount();
  else document.addEventListener('DOMContentLoaded', mount, { once: true });
}
