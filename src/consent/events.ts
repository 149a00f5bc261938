/**
 * The DOM events of the consent object, one class each, dispatched on
 * `document` and declared in `GlobalEventHandlersEventMap` so listeners are typed.
 */
import type { BlockedAttempt, Consent, ConsentState, ConsentView } from './contract.js';
import type { Decision } from './decision.js';

/**
 * `samtycke:change`, whenever the consent state changes: after a decision in
 * this tab or in another tab of the same site.
 * @example document.addEventListener('samtycke:change', (event) => render(event.detail.choices));
 */
export class ConsentChangeEvent extends Event {
  static readonly eventName = 'samtycke:change' as const;
  readonly detail: ConsentState;
  constructor(state: ConsentState) {
    super(ConsentChangeEvent.eventName);
    this.detail = state;
  }
}

/**
 * `samtycke:decision`, once per decision made in this tab, before it is stored.
 * @example document.addEventListener('samtycke:decision', (event) => log(event.detail.action));
 */
export class ConsentDecisionEvent extends Event {
  static readonly eventName = 'samtycke:decision' as const;
  readonly detail: Decision;
  constructor(decision: Decision) {
    super(ConsentDecisionEvent.eventName);
    this.detail = decision;
  }
}

/**
 * `samtycke:show`, when a consent object asks the UI to show a layer.
 * @example document.addEventListener('samtycke:show', (event) => event.detail.view === 'banner');
 */
export class ConsentShowEvent extends Event {
  static readonly eventName = 'samtycke:show' as const;
  readonly detail: { readonly consent: Consent; readonly view: ConsentView };
  constructor(consent: Consent, view: ConsentView) {
    super(ConsentShowEvent.eventName);
    this.detail = { consent, view };
  }
}

/**
 * `samtycke:blocked`, for every request a gate stops (no query string is kept).
 * @example document.addEventListener('samtycke:blocked', (event) => console.info(event.detail.host));
 */
export class ConsentBlockedEvent extends Event {
  static readonly eventName = 'samtycke:blocked' as const;
  readonly detail: BlockedAttempt;
  constructor(attempt: BlockedAttempt) {
    super(ConsentBlockedEvent.eventName);
    this.detail = attempt;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'samtycke:change': ConsentChangeEvent;
    'samtycke:decision': ConsentDecisionEvent;
    'samtycke:show': ConsentShowEvent;
    'samtycke:blocked': ConsentBlockedEvent;
  }
}
