/**
 * The half of the gates that loads on demand (`dist/samtycke-gates.js` with
 * the script tag): activating granted elements in page order, click-to-load
 * placeholders, and what a decision does beyond the gates (erasing what
 * revoked services stored, Consent Mode's update, vendor signals, a reload).
 * The head script keeps only what must run from the first moment: blocking.
 */
import type { ConsentState } from '../consent.js';
import { consentModeState, DEFAULT_CONSENT_MODE_MAP, pushConsentUpdate } from '../vendors/consent-mode.js';
import { signalVendors } from '../vendors/vendor-signals.js';
import { activateElement, isPending, KINDS } from './element-gate.js';
import { eraseServiceData } from './erase-service-data.js';
import type { GateContext } from './gate-keeper.js';
import { createPlaceholder } from './placeholder.js';
import { readDecisionRules } from './rules.js';
import { activateScript } from './script-gate.js';

const GATED = '[data-category],[data-service]';

export function createGates({ consent, rules, config, ran, logged, setAttribute, parse, denied }: GateContext) {
  const { reloadOnRevoke, consentMode } = readDecisionRules(config);
  /** Gated iframes with a placeholder. */
  const placeholders = new WeakMap<Element, HTMLElement>();
  let previous: Readonly<Record<string, boolean>> | null = null;

  function activate(element: Element, id: string): void {
    placeholders.get(element)?.remove();
    if (placeholders.delete(element)) (element as HTMLElement).hidden = false;
    // Scripts and embeds keep running once loaded: revoking their category reloads the page.
    if (/^(SCRIPT|IFRAME)$/.test(element.tagName)) ran.add(rules.services.find((service) => service.id === id)?.category ?? id);
    if (element.tagName === 'SCRIPT' && (element as HTMLScriptElement).type === 'text/plain') activateScript(element as HTMLScriptElement);
    else activateElement(element, setAttribute);
  }

  function addPlaceholder(frame: HTMLIFrameElement, id: string): void {
    const box = createPlaceholder(frame, { id, host: parse(frame.getAttribute('data-src'))?.hostname ?? '', config }, {
      loadOnce: () => activate(frame, id),
      alwaysAllow: (category) => consent.set({ [category]: true }, { layer: 'placeholder', action: 'embed', control: 'always-allow' }),
    });
    placeholders.set(frame, box);
    frame.hidden = true;
  }

  /** A gated element: activated when granted, otherwise listed once and, for an iframe, given a placeholder. */
  function gate(element: Element): void {
    if (!isPending(element)) return;
    const holder = element.tagName === 'SOURCE' ? element.closest(GATED) : element;
    const id = holder?.getAttribute('data-service') ?? holder?.getAttribute('data-category');
    if (!id) return;
    if (consent.has(id)) return activate(element, id);
    // Listed once per element, so the site owner sees gated markup as well as calls from code.
    if (!logged.has(element)) {
      logged.add(element);
      denied(element.getAttribute('data-src') ?? element.getAttribute('data-href'), KINDS[element.tagName] ?? 'media');
    }
    if (element.tagName === 'IFRAME' && !placeholders.has(element) && element.getAttribute('data-placeholder') !== 'none') addPlaceholder(element as HTMLIFrameElement, id);
  }

  function scan(): void {
    for (const element of document.querySelectorAll(GATED)) gate(element);
  }

  /**
   * A decision (or the stored one): erase what revoked services stored (R28),
   * tell vendors (R29), send Consent Mode's update and the `samtycke_consent`
   * dataLayer event, reload when revoked code already runs, else activate
   * what is now granted.
   */
  function apply(state: ConsentState): void {
    if (state.decided) {
      // Refused at the first decision seen, or granted before and refused now.
      const revoked = (category: string) => !state.choices[category] && (!previous || previous[category]);
      eraseServiceData(rules.services.filter((service) => revoked(service.category)));
      const types = consentModeState(state.choices, consentMode ?? DEFAULT_CONSENT_MODE_MAP);
      signalVendors(types);
      if (consentMode !== null) pushConsentUpdate(types, state.choices);
      const reload = reloadOnRevoke && [...ran].some(revoked);
      previous = state.choices;
      if (reload) return location.reload();
    }
    scan();
  }

  return { gate, scan, apply };
}
