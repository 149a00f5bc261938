import { html, nothing } from 'lit/html.js';
import type { Consent } from '../consent/contract.js';
import { ConsentController } from './consent-controller.js';
import { ConsentLayer } from './consent-layer.js';
import { deepActiveElement, focusables, isTabKey } from './focus.js';
import { categoryDescription, categoryLabel } from './labels.js';
import { countText } from '../config/texts.js';
import { safeUrl } from './safe-url.js';
import { serviceDetails } from './service-details.js';
import { ShownText } from './shown-text.js';
import { baseStyles } from './styles.js';
import { focusWayBack } from './way-back.js';

/**
 * The second layer, a native modal `<dialog>`: one `role="switch"` per
 * category, off until the visitor switches it on (R09), necessary ones on
 * and disabled; every service's details (R17); **Reject all**, **Accept all**
 * and **Save choices** with equal weight. Focus moves in, stays in, and goes
 * back where it came from. Escape and Close decide nothing.
 *
 * @csspart dialog - the `<dialog>`
 * @csspart choice - "Reject all", "Accept all" and "Save choices"
 * @csspart switch - each category switch
 * @cssproperty --samtycke-bg / --samtycke-fg / --samtycke-link / --samtycke-border / --samtycke-focus
 * @cssproperty --samtycke-choice-bg / --samtycke-choice-fg / --samtycke-choice-border
 */
export class SamtyckePreferences extends ConsentLayer {
  static override styles = [
    baseStyles,
    /* css */ `
      dialog.layer {
        width: min(40rem, calc(100vw - 1rem));
        max-width: none;
        max-height: calc(100vh - 1rem);
        padding: 0;
      }
      dialog[open] { display: flex; flex-direction: column; }
      dialog::backdrop { background: rgb(0 0 0 / 0.45); }
      header, footer { padding: 0.75rem 1.25rem; }
      header { display: flex; align-items: center; justify-content: space-between; gap: 1rem; border-bottom: 1px solid var(--_border); }
      .body { overflow: auto; padding: 1rem 1.25rem; display: grid; gap: 1rem; }
      .category { display: grid; gap: 0.35rem; border-top: 1px solid var(--_border); padding-top: 0.75rem; }
      .head { display: flex; align-items: center; gap: 0.75rem; }
      .head h3 { margin-inline-end: auto; }
      .state { font-size: 0.9em; }
      .switch {
        flex: none;
        position: relative;
        box-sizing: border-box;
        width: 3rem;
        height: 1.75rem;
        margin: 0;
        padding: 0;
        border-radius: 1rem;
        border: 2px solid var(--_border);
        background: var(--_bg);
        cursor: pointer;
      }
      .switch::before {
        content: '';
        position: absolute;
        top: 0.15rem;
        inset-inline-start: 0.15rem;
        width: 1.2rem;
        height: 1.2rem;
        border-radius: 50%;
        background: var(--_border);
        transition: transform 0.15s;
      }
      .switch[aria-checked='true'] { background: var(--_choice-bg); border-color: var(--_choice-border); }
      .switch[aria-checked='true']::before { transform: translateX(1.25rem); background: var(--_choice-fg); }
      [dir='rtl'] .switch[aria-checked='true']::before { transform: translateX(-1.25rem); }
      .switch:disabled { cursor: not-allowed; }
      @media (prefers-reduced-motion: reduce) { .switch::before { transition: none; } }
      @media (forced-colors: active) {
        /* System colours replace ours: keep the knob and the on state visible. */
        .switch::before { background: CanvasText; }
        .switch[aria-checked='true'] { background: Highlight; border-color: Highlight; }
        .switch[aria-checked='true']::before { background: HighlightText; }
      }
      summary { cursor: pointer; color: var(--_link); width: fit-content; }
      .service { margin-top: 0.5rem; padding: 0.5rem 0.75rem; border-inline-start: 3px solid var(--_border); }
      dl { display: grid; grid-template-columns: minmax(7rem, max-content) 1fr; gap: 0.15rem 0.75rem; font-size: 0.9em; }
      dt { font-weight: 600; }
      dd { margin: 0; overflow-wrap: anywhere; }
      footer { display: grid; grid-template-columns: 1fr; gap: 0.5rem; border-top: 1px solid var(--_border); }
      @media (min-width: 36rem) { footer { grid-template-columns: 1fr 1fr 1fr; } }
    `,
  ];

  private readonly ctrl = new ConsentController(this);
  private readonly shown = new ShownText();
  /** The switches as the visitor has set them, not yet saved. */
  private draft: Record<string, boolean> = {};
  private wanted = false;
  /** Opened from "See the list of third parties": every service list starts expanded. */
  private servicesOpen = false;
  private opener: HTMLElement | null = null;

  get consent(): Consent | null {
    return this.ctrl.consent;
  }

  set consent(consent: Consent | null) {
    this.ctrl.consent = consent;
  }

  /** The exact text on screen, for the proof record. */
  get shownText(): string {
    return this.shown.text;
  }

  /** SHA-256 (hex) of `shownText`, once computed. */
  get shownHash(): string | undefined {
    return this.shown.hash;
  }

  /** Opens the dialog; does nothing when it is already open. */
  show(): void {
    if (this.wanted) return;
    this.wanted = true;
    this.opener = deepActiveElement();
    const state = this.consent?.state;
    // Only what the visitor granted before is on: nothing is pre-ticked (R09).
    this.draft = { ...(state?.decided ? state.choices : {}) };
    this.requestUpdate();
  }

  /** Expands every service list: the visitor asked to see who receives data. */
  revealServices(): void {
    this.servicesOpen = true;
    this.requestUpdate();
  }

  /** Closes without deciding anything. */
  close(): void {
    // Before the close event: a re-render from the decision must not reopen it.
    this.wanted = false;
    this.dialog?.close();
  }

  private get dialog(): HTMLDialogElement | null {
    return this.renderRoot.querySelector('dialog');
  }

  protected override render(): unknown {
    const { consent, strings: s, locale } = this.ctrl;
    if (!consent || !s) return nothing;
    return html`<dialog class="layer" part="dialog" aria-labelledby="title" lang=${locale} dir=${this.ctrl.dir} @close=${this.onClose} @keydown=${this.onKeydown}>
      <header>
        <h2 id="title">${s.settings}</h2>
        <button type="button" class="secondary" data-control="close" @click=${this.close}>${s.close}</button>
      </header>
      <div class="body">
        <p>${s.intro} ${safeUrl(consent.config.policyUrl) ? html`<a href=${safeUrl(consent.config.policyUrl)}>${s.policy}</a>` : nothing}</p>
        ${consent.config.categories.map((category) => {
          const on = category.necessary || this.draft[category.id] === true;
          return html`<section class="category">
            <div class="head">
              <h3 id="label-${category.id}">${categoryLabel(category, s, locale)}</h3>
              ${category.necessary ? html`<span class="state">${s.alwaysOn}</span>` : nothing}
              <button type="button" class="switch" part="switch" role="switch" aria-checked=${on ? 'true' : 'false'}
                aria-labelledby="label-${category.id}" aria-describedby="description-${category.id}" data-category=${category.id}
                ?disabled=${category.necessary} @click=${() => this.toggle(category.id)}></button>
            </div>
            <p id="description-${category.id}">${categoryDescription(category, s, locale)}</p>
            ${category.services.length
              ? html`<details ?open=${this.servicesOpen}><summary>${countText(s.services, category.services.length, locale)}</summary>${category.services.map((service) => serviceDetails(service, s, locale))}</details>`
              : nothing}
          </section>`;
        })}
      </div>
      <footer>
        <button type="button" class="choice" part="choice" data-control="reject-all" @click=${this.onReject}>${s.rejectAll}</button>
        <button type="button" class="choice" part="choice" data-control="accept-all" @click=${this.onAccept}>${s.acceptAll}</button>
        <button type="button" class="choice" part="choice" data-control="save" @click=${this.onSave}>${s.save}</button>
      </footer>
    </dialog>`;
  }

  protected override updated(): void {
    const dialog = this.dialog;
    if (!dialog) return;
    this.shown.update(dialog);
    if (this.wanted && !dialog.open) {
      dialog.showModal();
      // The title is announced with the dialog; focus starts on the first control.
      focusables(dialog)[0]?.focus();
    }
  }

  private toggle(id: string): void {
    this.draft = { ...this.draft, [id]: !this.draft[id] };
    this.requestUpdate();
  }

  // Decisions happen synchronously in the click handler: a grant needs its user activation.
  private readonly onAccept = (): void => {
    this.finish(this.consent?.acceptAll(this.ctrl.context('preferences', 'accept-all', this.shown)));
  };

  private readonly onReject = (): void => {
    this.finish(this.ctrl.refuseAll(this.ctrl.context('preferences', 'reject-all', this.shown)));
  };

  private readonly onSave = (): void => {
    const choices: Record<string, boolean> = {};
    for (const category of this.consent?.config.categories ?? []) if (!category.necessary) choices[category.id] = this.draft[category.id] === true;
    this.finish(this.consent?.set(choices, this.ctrl.context('preferences', 'save', this.shown)));
  };

  private finish(applied: boolean | undefined): void {
    if (applied) this.close();
  }

  /** Escape, Close or a decision: give focus back to where it came from. */
  private readonly onClose = (): void => {
    this.wanted = false;
    this.servicesOpen = false;
    const opener = this.opener;
    this.opener = null;
    if (opener?.isConnected && opener.checkVisibility?.() !== false) {
      opener.focus();
      return;
    }
    // The opener went with the banner: the way back to these settings is the next logical place.
    if (this.consent) focusWayBack(this.consent);
  };

  /** Keeps Tab inside the dialog: the page behind is inert, but the browser's own UI is not. */
  private readonly onKeydown = (event: KeyboardEvent): void => {
    if (!isTabKey(event)) return;
    const items = focusables(this.dialog!);
    const first = items[0];
    const last = items[items.length - 1];
    const active = deepActiveElement();
    if (event.shiftKey && active === first) {
      event.preventDefault();
      last?.focus();
    } else if (!event.shiftKey && active === last) {
      event.preventDefault();
      first?.focus();
    }
  };
}
