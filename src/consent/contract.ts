/**
 * The consent object's contract: what the page, the UI and the gates may rely
 * on. Everything here is an interface; `consent.ts` implements it, and the
 * layers above (storage, gates, UI, entries) import these types rather than
 * the implementation.
 *
 * Order of effects for one decision: the proof record is handed to the proof
 * sink, `decision` listeners run, the decision is stored, then `change`
 * listeners run and other tabs are told. So a record exists before anything
 * the decision grants can start.
 */
import type { Config } from '../config/config.js';
import type { ProofRecord } from '../proof/proof-record.js';
import type { Decision, DecisionContext, StoredDecision } from './decision.js';

/** The consent state the page and the UI read. */
export interface ConsentState {
  /** Whether a current decision exists (same revision, not expired, not from the future). */
  readonly decided: boolean;
  /** Every category by id: necessary ones are always `true`, the rest `false` until granted. */
  readonly choices: Readonly<Record<string, boolean>>;
  /** The random UUID of this browser's decisions, or `null` before the first one. */
  readonly consentId: string | null;
  /** When the current decision was made, in ms since the epoch; `null` when undecided. */
  readonly decidedAt: number | null;
  /** When it stops counting and the banner asks again (R21), in ms since the epoch; `null` when undecided. */
  readonly expiresAt: number | null;
  /** The config revision the state is read under. */
  readonly revision: string;
  /** Whether the browser sends Global Privacy Control (R48). */
  readonly gpc: boolean;
}

/** Which layer of the UI is asked for. */
export type ConsentView = 'banner' | 'preferences';

/** Events of `consent.on(name, listener)`, by name, with what the listener receives. */
export interface ConsentEventMap {
  /** The state after every change: a decision in this tab or in another tab of the site. */
  change: ConsentState;
  /** Every decision made in this tab, before it is stored. */
  decision: Decision;
  /** A layer of the UI is asked for. */
  show: ConsentView;
}

/** What kind of request a gate stopped. `img` is an image in the page, `image` one made by code (`new Image()`). */
export type BlockedKind = 'script' | 'img' | 'iframe' | 'link' | 'media' | 'fetch' | 'xhr' | 'beacon' | 'websocket' | 'eventsource' | 'image';

/** One request that did not leave the page because its service was not granted. */
export interface BlockedAttempt {
  /** When, in ms since the epoch. */
  readonly at: number;
  readonly host: string;
  /** Origin and path only: the query string can carry personal data and is not kept. */
  readonly url: string;
  /** The service whose host it was. */
  readonly service: string;
  readonly category: string;
  readonly kind: BlockedKind;
}

/** The record of blocked attempts that `consent.blocked()` reads and the gates write. */
export interface BlockedLog {
  /** Every attempt kept, oldest first (at most 500). */
  list(): readonly BlockedAttempt[];
  add(attempt: BlockedAttempt): void;
}

/** Where the consent object keeps its decision (the decision cookie in the browser). */
export interface DecisionStore {
  /** The stored decision, or `null` when there is none or it is unreadable. Never throws. */
  read(): StoredDecision | null;
  /** Stores a decision for `maxAgeDays` days. */
  write(decision: StoredDecision, maxAgeDays: number): void;
  /** Reads a decision from the text `write` stores (another tab sends it along); `null` for anything else. Never throws. */
  parse(text: string): StoredDecision | null;
}

/** Where proof records go: stored before the decision takes effect, sent to the collector later (R30, R31). */
export interface ProofSink {
  /** Keeps the record, synchronously; sending may happen later. */
  enqueue(record: ProofRecord): void;
  /** Sends what is due; resolves when the attempt is over (never rejects). */
  flush(): Promise<void>;
  /** Records not yet acknowledged by the collector. */
  pending(): ProofRecord[];
}

/** Options of the consent object. */
export interface ConsentOptions {
  /** The clock, in ms since the epoch; tests move it months ahead. @default Date.now */
  now?: () => number;
  /**
   * Grants need a user gesture (R14): a grant from a timer or a script with no
   * click behind it is refused. Turn off only for trusted server-driven flows.
   * @default true
   */
  requireUserActivation?: boolean;
  /** Ask the UI for the banner when there is no current decision. @default true */
  autoShow?: boolean;
  /** The log `blocked()` reads, shared with the gates. */
  blockedLog?: Pick<BlockedLog, 'list'>;
}

/**
 * The consent object: `createConsent()` returns one, and the script tag
 * exposes one as `window.samtycke`.
 *
 * @example
 * if (consent.has('analytics')) loadAnalytics();
 * consent.when('marketing').then(loadPixel);
 * const off = consent.on('change', (state) => render(state.choices));
 */
export interface Consent {
  /** The validated config with its defaults filled in. */
  readonly config: Config;
  /** The current state; a new object after every change. */
  readonly state: ConsentState;
  /** Whether a category, or the category of a service id, is granted. Necessary categories always are; nothing optional is on a sensitive page (R41), the page's current path deciding, so a client-side route change into a zone counts. An unknown id is `false`. */
  has(id: string): boolean;
  /** Resolves once `id` is granted; never, while it stays refused. */
  when(id: string): Promise<void>;
  /** Subscribes to `change`, `decision` or `show`; returns the function that unsubscribes. A listener that throws is reported and does not stop the others. */
  on<K extends keyof ConsentEventMap>(name: K, listener: (value: ConsentEventMap[K]) => void): () => void;
  /** Grants every category (but those Global Privacy Control keeps off, R48). Needs a user gesture (R14); returns whether it was applied. */
  acceptAll(context?: DecisionContext): boolean;
  /** Refuses every non-necessary category. Needs no gesture; returns `true`. */
  rejectAll(context?: DecisionContext): boolean;
  /** Sets the named categories; the others keep their current choice. Granting more needs a user gesture; returns whether it was applied. */
  set(choices: Readonly<Record<string, boolean>>, context?: DecisionContext): boolean;
  /** Refuses everything again and records the withdrawal (R27, R28). */
  withdraw(context?: DecisionContext): boolean;
  /** The banner was closed or escaped: recorded as a refusal, never as consent (R12). */
  dismiss(context?: DecisionContext): boolean;
  /**
   * Records that the visitor loaded one embed once ("Load once" on a placeholder, R35):
   * a proof record for that service, nothing granted or stored. Needs a user gesture;
   * returns whether it was recorded (`false` for an unknown service).
   */
  recordEmbed(serviceId: string, context?: DecisionContext): boolean;
  /** Requests the gates held back because their service was not granted (host, service, kind; no query strings). */
  blocked(): readonly BlockedAttempt[];
  /** Asks the UI to open the preferences (a `show` event). */
  showPreferences(): void;
  /** Asks the UI to show the first-layer banner (a `show` event). */
  showBanner(): void;
  /** Stops listening to other tabs and drops every listener. */
  destroy(): void;
  /** The proof records of this browser still waiting for the collector's acknowledgement, when a collector is configured. */
  readonly proof?: Pick<ProofSink, 'flush' | 'pending'>;
}

declare global {
  interface Window {
    /** The page's consent object, made by the head script (`samtycke.js`); `getConsent()` returns it typed. */
    samtycke?: Consent;
  }
}
