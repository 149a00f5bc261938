import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Consent, ConsentState } from '../consent/contract.js';
import type { DecisionContext } from '../consent/decision.js';
import { pickLocale } from '../config/locale.js';
import { layerDirection } from './layer-direction.js';
import { pageLanguages } from '../internal/page-languages.js';
import { loadStrings, type UiStrings } from './strings.js';
import type { ShownText } from './shown-text.js';

/**
 * Connects an element to a consent object: re-renders it on every change,
 * loads the strings of the visitor's locale, and builds the decision context
 * (layer, control, locale, the text shown and its hash). Elements render
 * state and call the consent object; they never decide by themselves.
 */
export class ConsentController implements ReactiveController {
  strings: UiStrings | null = null;
  locale = 'en';
  /** The layers' direction in `locale` (`layerDirection`): `rtl` for Arabic, or for the page's language on a right-to-left page. */
  dir: 'ltr' | 'rtl' = 'ltr';
  /** Called after every state change, once the host has been asked to update. */
  onChange: ((state: ConsentState) => void) | null = null;
  private current: Consent | null = null;
  private off: (() => void) | null = null;
  private connected = false;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  get consent(): Consent | null {
    return this.current;
  }

  set consent(consent: Consent | null) {
    if (consent === this.current) return;
    this.unsubscribe();
    this.current = consent;
    if (this.connected) this.subscribe();
    if (!consent) return;
    const locale = pickLocale(consent.config, pageLanguages(consent.config.language));
    loadStrings(locale, consent.config).then((strings) => {
      if (this.current !== consent) return;
      this.locale = locale;
      this.dir = layerDirection(locale);
      this.strings = strings;
      this.host.requestUpdate();
    });
  }

  hostConnected(): void {
    this.connected = true;
    this.subscribe();
  }

  hostDisconnected(): void {
    this.connected = false;
    this.unsubscribe();
  }

  /** The context a decision carries into the proof record. */
  context(layer: 'banner' | 'preferences', control: string, shown: ShownText): DecisionContext {
    return { layer, control, locale: this.locale, text: shown.text, ...(shown.hash ? { textHash: shown.hash } : {}) };
  }

  /** Refuses every purpose. After a grant this is a withdrawal, and recorded as one (R27, R28). */
  refuseAll(context: DecisionContext): boolean {
    const consent = this.current;
    if (!consent) return false;
    const { decided, choices } = consent.state;
    const granted = decided && consent.config.categories.some((category) => !category.necessary && choices[category.id]);
    return granted ? consent.withdraw(context) : consent.rejectAll(context);
  }

  private subscribe(): void {
    if (!this.current || this.off) return;
    this.off = this.current.on('change', (state) => {
      this.host.requestUpdate();
      this.onChange?.(state);
    });
  }

  private unsubscribe(): void {
    this.off?.();
    this.off = null;
  }
}
