import type { Consent, ConsentState } from './consent.js';
import type { Decision } from './decision.js';

/** Which layer of the UI is asked for. */
export type ConsentView = 'banner' | 'preferences';

/**
 * Fired on `document` as `samtycke:change` whenever the consent state changes:
 * after a decision in this tab or in another tab of the same site.
 */
export class ConsentChangeEvent extends Event {
  static readonly eventName = 'samtycke:change' as const;
  readonly detail: ConsentState;
  constructor(state: ConsentState) {
    super(ConsentChangeEvent.eventName);
    this.detail = state;
  }
}

/** Fired on `document` as `samtycke:decision` once per decision made in this tab. */
export class ConsentDecisionEvent extends Event {
  static readonly eventName = 'samtycke:decision' as const;
  readonly detail: Decision;
  constructor(decision: Decision) {
    super(ConsentDecisionEvent.eventName);
    this.detail = decision;
  }
}

/** Fired on `document` as `samtycke:show` when a consent object asks the UI to show a layer. */
export class ConsentShowEvent extends Event {
  static readonly eventName = 'samtycke:show' as const;
  readonly detail: { readonly consent: Consent; readonly view: ConsentView };
  constructor(consent: Consent, view: ConsentView) {
    super(ConsentShowEvent.eventName);
    this.detail = { consent, view };
  }
}

/** Events of `consent.on(name, listener)`, by name. */
export interface ConsentEventMap {
  change: ConsentState;
  decision: Decision;
  show: ConsentView;
}

declare global {
  interface GlobalEventHandlersEventMap {
    'samtycke:change': ConsentChangeEvent;
    'samtycke:decision': ConsentDecisionEvent;
    'samtycke:show': ConsentShowEvent;
  }
}
