/** What kind of request a gate stopped. */
export type BlockedKind = 'script' | 'img' | 'iframe' | 'link' | 'media' | 'fetch' | 'xhr' | 'beacon' | 'websocket' | 'eventsource' | 'image';

/** One request that did not leave the page because its service was not granted. */
export interface BlockedAttempt {
  /** Milliseconds since the epoch. */
  readonly at: number;
  readonly host: string;
  /** Origin and path only: the query string can carry personal data and is not kept. */
  readonly url: string;
  readonly service: string;
  readonly category: string;
  readonly kind: BlockedKind;
}

/** The record of blocked attempts that `consent.blocked()` reads. */
export interface BlockedLog {
  list(): readonly BlockedAttempt[];
  add(attempt: BlockedAttempt): void;
}

/** Fired on `document` as `samtycke:blocked` for every request a gate stops. */
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
    'samtycke:blocked': ConsentBlockedEvent;
  }
}

/** A page that keeps retrying a tracker must not grow memory without bound. */
const MAX_ENTRIES = 500;

/**
 * A log to share between the consent object and the gates.
 * @example
 * const blockedLog = createBlockedLog();
 * const consent = createConsent(config, { blockedLog });
 * startGates(consent, { log: blockedLog });
 */
export function createBlockedLog(): BlockedLog {
  const entries: BlockedAttempt[] = [];
  return {
    list: () => entries.slice(),
    add(attempt) {
      if (entries.length >= MAX_ENTRIES) entries.shift();
      entries.push(attempt);
      document.dispatchEvent(new ConsentBlockedEvent(attempt));
    },
  };
}
