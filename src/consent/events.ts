/**
 * The DOM events of the consent object, one class each, dispatched on
 * `document` and declared in `GlobalEventHandlersEventMap` so listeners are typed.
 */
import type { BlockedAttempt, Consent, ConsentState, ConsentView } from './contract.js';
import type { Decision } from './decision.js';

/** What every samtycke event shares: a readonly, typed `detail`, and its name from the class's `eventName`. */
class DetailEvent<T> extends Event {
  readonly detail: T;
  constructor(detail: T) {
    super((new.target as unknown as { eventName: string }).eventName);
    this.detail = detail;
  }
}

/**
 * `samtycke:change`, whenever the consent state changes: after a decision in
 * this tab or in another tab of the same site.
 * @example document.addEventListener('samtycke:change', (event) => render(event.detail.choices));
 */
export class ConsentChangeEvent extends DetailEvent<ConsentState> {
  static readonly eventName = 'samtycke:change' as const;
}

/**
 * `samtycke:decision`, once per decision made in this tab, before it is stored.
 * @example document.addEventListener('samtycke:decision', (event) => log(event.detail.action));
 */
export class ConsentDecisionEvent extends DetailEvent<Decision> {
  static readonly eventName = 'samtycke:decision' as const;
}

/**
 * `samtycke:show`, when a consent object asks the UI to show a layer.
 * @example document.addEventListener('samtycke:show', (event) => event.detail.view === 'banner');
 */
export class ConsentShowEvent extends DetailEvent<{ readonly consent: Consent; readonly view: ConsentView }> {
  static readonly eventName = 'samtycke:show' as const;
  constructor(consent: Consent, view: ConsentView) {
    super({ consent, view });
  }
}

/**
 * `samtycke:blocked`, for every request a gate stops (no query string is kept).
 * @example document.addEventListener('samtycke:blocked', (event) => console.info(event.detail.host));
 */
export class ConsentBlockedEvent extends DetailEvent<BlockedAttempt> {
  static readonly eventName = 'samtycke:blocked' as const;
}

declare global {
  interface GlobalEventHandlersEventMap {
    'samtycke:change': ConsentChangeEvent;
    'samtycke:decision': ConsentDecisionEvent;
    'samtycke:show': ConsentShowEvent;
    'samtycke:blocked': ConsentBlockedEvent;
  }
}
