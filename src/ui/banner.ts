import { gpcRefuses } from '../consent/gpc.js';
import { html, nothing } from 'lit/html.js';
import type { Consent } from '../consent/contract.js';
import { ConsentController } from './consent-controller.js';
import { revealServicesNext } from './open-preferences.js';
import { categoryDescription, categoryLabel, listText, recipientCount } from './labels.js';
import { countText } from '../config/texts.js';
import { fill } from '../internal/template.js';
import { safeUrl } from './safe-url.js';
import { ShownText } from './shown-text.js';
import { ConsentLayer } from './consent-layer.js';
import { baseStyles } from './styles.js';
import { focusWayBack } from './way-back.js';

/**
 * The first layer: what, why, who and how to withdraw (R16), a policy link
 * (R18), then **Reject all** and **Accept all** side by side with equal weight
 * (R05, R06) and **Customise**. Not a cookie wall: no backdrop, no scroll lock
 * (R11). Escape refuses; nothing but "Accept all" grants (R12).
 *
 * @csspart banner - the fixed region
 * @csspart choice - both "Reject all" and "Accept all", always together
 * @csspart customise - the "Customise" button
 * @cssproperty --samtycke-bg / --samtycke-fg / --samtycke-link / --samtycke-border / --samtycke-focus
 * @cssproperty --samtycke-choice-bg / --samtycke-choice-fg / --samtycke-choice-border - both choice buttons
 * @cssproperty --samtycke-font / --samtycke-font-size / --samtycke-radius / --samtycke-shadow / --samtycke-z
 */
export class SamtyckeBanner extends ConsentLayer {
  // The layer takes at most half the screen, both choices in view (R05); more only when enlarged text needs
  // it, never all of it (R47). The text scrolls inside; the list of third parties and the policy link are
  // stuck to its bottom, below a rule the text runs under, so they stay one tap away however far it runs,
  // and the keyboard scrolls it from them.
  // (The build minifies each CSS string marked as such, comments and all: see rollup.config.mjs.)
  static override styles = [
    baseStyles,
    /* css */ `
      :host { display: contents; }
      section.layer {
        position: fixed;
        z-index: var(--samtycke-z, 2147483000);
        inset: auto 0 0 0;
        margin: 0 auto;
        max-width: 46rem;
        max-height: min(max(50vh, 20rem), 90vh);
        max-height: min(max(50svh, 20rem), 90svh);
        display: flex;
        flex-direction: column;
        border-end-start-radius: 0;
        border-end-end-radius: 0;
      }
      @media (min-width: 48rem) {
        section.layer { bottom: 1rem; border-radius: var(--_radius); }
      }
      .text {
        overflow: auto;
        min-height: 3rem;
        padding: 1rem 1.25rem 0;
        display: grid;
        gap: 0.5rem;
      }
      ul { padding-inline-start: 1.25rem; }
      .links {
        position: sticky;
        bottom: 0;
        display: flex;
        flex-wrap: wrap;
        gap: 0 1.25rem;
        padding: 0.375rem 0 0.5rem;
        border-top: 1px solid var(--_border);
        background: var(--_bg);
      }
      .actions {
        display: grid;
        grid-template-columns: 1fr 1fr;
        gap: 0.5rem;
        padding: 0.75rem 1.25rem 1rem;
      }
      .secondary { grid-column: 1 / -1; }
      @media (min-width: 36rem) {
        .actions { grid-template-columns: 1fr 1fr 1fr; }
        .secondary { grid-column: auto; }
      }
    `,
  ];

  private readonly ctrl = new ConsentController(this);
  private readonly shown = new ShownText();

  constructor() {
    super();
    // Decided here, in another layer or in another tab: the first layer has done its job.
    this.ctrl.onChange = (state) => {
      if (state.decided) this.open = false;
    };
  }

  /** Whether the banner is shown; reflected as the `open` attribute. */
  get open(): boolean {
    return this.hasAttribute('open');
  }

  set open(open: boolean) {
    if (open === this.open) return;
    this.toggleAttribute('open', open);
    this.requestUpdate();
  }

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

  protected override render(): unknown {
    const { consent, strings: s, locale } = this.ctrl;
    if (!this.open || !consent || !s) return nothing;
    const { config } = consent;
    const count = recipientCount(config);
    const policy = safeUrl(config.policyUrl);
    const gpcKept = config.categories.filter((category) => gpcRefuses(config, category));
    // The text is no tab stop of its own when its links are there to scroll it from (R45): Firefox makes every
    // scrolling box one, Chromium and WebKit only a box with nothing focusable inside. Without links, the browser's
    // own rule keeps the text reachable by keyboard.
    const scrollsFromLinks = count > 0 || policy !== undefined;
    return html`<section class="layer" part="banner" aria-labelledby="title" lang=${locale} dir=${this.ctrl.dir} @keydown=${this.onKeydown}>
      <div class="text" tabindex=${scrollsFromLinks ? '-1' : nothing}>
        <h2 id="title">${s.title}</h2>
        <p>${fill(s.body, { controller: config.controller ?? s.we })}</p>
        <ul>
          ${config.categories.map((category) => {
            const description = categoryDescription(category, s, locale);
            return html`<li><strong>${categoryLabel(category, s, locale)}</strong>${description ? `: ${description}` : ''}</li>`;
          })}
        </ul>
        ${count > 0 ? html`<p>${countText(s.recipients, count, locale)}</p>` : nothing}
        <p>${s.withdraw}</p>
        ${gpcKept.length ? html`<p data-notice="gpc">${countText(s.gpc, gpcKept.length, locale, { categories: listText(gpcKept.map((category) => categoryLabel(category, s, locale)), locale) })}</p>` : nothing}
        <p class="links">
          ${count > 0 ? html`<button type="button" class="link" data-control="recipients" @click=${this.onRecipients}>${s.recipientsLink}</button>` : nothing}
          ${policy ? html`<a href=${policy}>${s.policy}</a>` : nothing}
        </p>
      </div>
      <div class="actions">
        <button type="button" class="choice" part="choice" data-control="reject-all" @click=${this.onReject}>${s.rejectAll}</button>
        <button type="button" class="choice" part="choice" data-control="accept-all" @click=${this.onAccept}>${s.acceptAll}</button>
        <button type="button" class="secondary" part="customise" data-control="customise" @click=${this.onCustomise}>${s.customise}</button>
      </div>
    </section>`;
  }

  protected override updated(): void {
    const layer = this.renderRoot.querySelector('section');
    if (layer) this.shown.update(layer);
  }

  // Decisions are made synchronously in the handler: a grant needs the click's user activation.
  private readonly onAccept = (): void => {
    this.close(this.consent?.acceptAll(this.ctrl.context('banner', 'accept-all', this.shown)));
  };

  private readonly onReject = (): void => {
    this.close(this.ctrl.refuseAll(this.ctrl.context('banner', 'reject-all', this.shown)));
  };

  /** After a decision: the focused control goes with the banner, so focus moves to the way back. */
  private close(decided: boolean | undefined): void {
    const consent = this.consent;
    if (!decided || !consent) return;
    const focused = (this.renderRoot as ShadowRoot).activeElement;
    this.open = false;
    if (focused) this.updateComplete.then(() => focusWayBack(consent));
  }

  private readonly onCustomise = (): void => {
    this.consent?.showPreferences();
  };

  private readonly onRecipients = (): void => {
    revealServicesNext();
    this.consent?.showPreferences();
  };

  private readonly onKeydown = (event: KeyboardEvent): void => {
    if (event.key !== 'Escape' || event.defaultPrevented) return;
    event.preventDefault();
    this.close(this.consent?.dismiss(this.ctrl.context('banner', 'escape', this.shown)));
  };
}
