import type { Config } from './config.js';
import { DAY_MS, staleReason, type Decision, type DecisionAction, type DecisionContext } from './decision.js';
import { readDecision, writeDecision, type StoredDecision } from './storage/decision-cookie.js';
import { ConsentChangeEvent, ConsentDecisionEvent, ConsentShowEvent, type ConsentEventMap, type ConsentView } from './events.js';
import { warn } from './dev.js';
import { browserSendsGpc, gpcRefuses } from './gpc.js';
import { inSensitiveZone } from './sensitive-zone.js';
import { randomId } from './random-id.js';
import type { ProofQueue } from './storage/proof-queue.js';
import type { BlockedAttempt, BlockedLog } from './gates/blocked-log.js';

/** The consent state the page and the UI read. */
export interface ConsentState {
  /** Whether a current decision exists (same revision, not expired). */
  readonly decided: boolean;
  /** Every category: necessary ones are always `true`, the rest `false` until granted. */
  readonly choices: Readonly<Record<string, boolean>>;
  readonly consentId: string | null;
  readonly decidedAt: number | null;
  readonly expiresAt: number | null;
  readonly revision: string;
  /** Whether the browser sends Global Privacy Control. */
  readonly gpc: boolean;
}

export interface ConsentOptions {
  /** Clock in milliseconds since the epoch; tests move it months ahead. */
  now?: () => number;
  /**
   * Grants need a user gesture (R14): a grant from a timer or a script with no
   * click behind it is refused. Turn off only for trusted server-driven flows.
   * @default true
   */
  requireUserActivation?: boolean;
  /** Ask the UI for the banner when there is no current decision. @default true */
  autoShow?: boolean;
  /**
   * The decision cookie as the caller already read it, so start-up reads
   * `document.cookie` once: each read is a round trip to the browser process.
   */
  stored?: StoredDecision | null;
  /** The log `blocked()` reads, shared with the gates (`createConsent` makes one when none is given). */
  blockedLog?: Pick<BlockedLog, 'list'>;
}

/** The consent object returned by `createConsent()` (and `window.samtycke` with the script tag). */
export interface Consent {
  readonly config: Config;
  readonly state: ConsentState;
  /** Whether a category (or the category of a service id) is granted. Necessary categories always are. */
  has(id: string): boolean;
  /** Resolves once `id` is granted; never, if it stays refused. */
  when(id: string): Promise<void>;
  /** Subscribes to `change`, `decision` or `show`; returns an unsubscribe function. */
  on<K extends keyof ConsentEventMap>(name: K, listener: (value: ConsentEventMap[K]) => void): () => void;
  /** Grants every category. Needs a user gesture; returns whether it was applied. */
  acceptAll(context?: DecisionContext): boolean;
  /** Refuses every non-necessary category. */
  rejectAll(context?: DecisionContext): boolean;
  /** Sets the named categories; the others keep their current choice. Granting needs a user gesture. */
  set(choices: Readonly<Record<string, boolean>>, context?: DecisionContext): boolean;
  /** Refuses everything again and records the withdrawal. */
  withdraw(context?: DecisionContext): boolean;
  /** The banner was closed or escaped: recorded as a refusal, never as consent (R12). */
  dismiss(context?: DecisionContext): boolean;
  /**
   * Records that the visitor loaded one embed once ("Load once" on a placeholder):
   * a proof record for that service, nothing granted or stored. Needs a user gesture.
   */
  recordEmbed(serviceId: string, context?: DecisionContext): boolean;
  /** Requests the gates held back because their service was not granted (host, service, kind; no query strings). */
  blocked(): readonly BlockedAttempt[];
  /** Asks the UI to open the preferences dialog. */
  showPreferences(): void;
  /** Asks the UI to show the first-layer banner. */
  showBanner(): void;
  /** Stops listening to other tabs and drops every listener. */
  destroy(): void;
  /** The proof records of this browser still waiting for the collector's acknowledgement, when a collector is configured. */
  proof?: Pick<ProofQueue, 'flush' | 'pending'>;
}

type Listeners = { [K in keyof ConsentEventMap]: Set<(value: ConsentEventMap[K]) => void> };

/**
 * Whether this call comes from a user gesture. Browsers without the User
 * Activation API fall back to the event being handled, if the browser made it.
 */
function hasUserActivation(): boolean {
  if (navigator.userActivation) return navigator.userActivation.isActive;
  return (globalThis as { event?: Event }).event?.isTrusted === true;
}

/**
 * The consent state machine over a config that is already validated and
 * normalised; `createConsent()` is the public way in. `hash` is the
 * fingerprint of the config text, kept in the cookie (see `configHash`).
 */
export function startConsent(config: Config, hash: string, options: ConsentOptions = {}): Consent {
  const now = options.now ?? Date.now;
  const requireActivation = options.requireUserActivation ?? true;
  const consentCategories = config.categories.filter((category) => !category.necessary);
  const serviceCategory = new Map(config.categories.flatMap((category) => category.services.map((service) => [service.id, category.id] as const)));
  const gpc = browserSendsGpc();
  // On a sensitive page nothing optional runs, whatever was chosen; the choice itself is kept (R41).
  const sensitive = inSensitiveZone(config);
  const necessary = new Set(config.categories.filter((category) => category.necessary).map((category) => category.id));
  const listeners: Listeners = { change: new Set(), decision: new Set(), show: new Set() };
  const channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(`samtycke:${config.cookie.name}`) : null;

  const initial = loadCurrent(options.stored);
  let state = stateFrom(initial);
  adoptConfigHash(initial);

  function loadCurrent(known?: StoredDecision | null): StoredDecision | null {
    const stored = known === undefined ? readDecision(config.cookie) : known;
    if (!stored) return null;
    const reason = staleReason(stored, config, now());
    if (reason) {
      warn(`stale-${reason}`, `the stored decision is ignored (${reason === 'revision' ? `made under revision "${stored.r}", now "${config.revision}"` : reason === 'expired' ? 'older than the renewal period' : 'dated in the future'})`);
      return null;
    }
    return stored;
  }

  /** Same decision, config text edited without a new revision: keep the decision, note the new fingerprint. */
  function adoptConfigHash(stored: StoredDecision | null): void {
    if (!stored || stored.h === hash) return;
    writeDecision({ ...stored, h: hash }, config.cookie, (stored.t + config.retention * DAY_MS - now()) / DAY_MS);
  }

  function stateFrom(stored: StoredDecision | null): ConsentState {
    const choices: Record<string, boolean> = {};
    for (const category of config.categories) choices[category.id] = category.necessary || stored?.c[category.id] === 1;
    return {
      decided: stored !== null,
      choices,
      consentId: stored?.id ?? null,
      decidedAt: stored?.t ?? null,
      expiresAt: stored ? stored.t + config.retention * DAY_MS : null,
      revision: config.revision,
      gpc,
    };
  }

  function emit<K extends keyof ConsentEventMap>(name: K, value: ConsentEventMap[K], event: Event): void {
    for (const listener of [...listeners[name]]) {
      try {
        listener(value);
      } catch (error) {
        // A broken listener must not stop the others, nor the decision itself.
        reportError(error);
      }
    }
    document.dispatchEvent(event);
  }

  function refresh(): void {
    const next = stateFrom(loadCurrent());
    if (JSON.stringify(next) === JSON.stringify(state)) return;
    state = next;
    emit('change', state, new ConsentChangeEvent(state));
  }

  function decide(action: DecisionAction, wanted: Readonly<Record<string, boolean>>, context: DecisionContext = {}): boolean {
    const c: Record<string, 0 | 1> = {};
    for (const category of consentCategories) c[category.id] = wanted[category.id] === true ? 1 : 0;
    const userActivation = hasUserActivation();
    const grantsMore = consentCategories.some((category) => c[category.id] === 1 && !state.choices[category.id]);
    if (grantsMore && requireActivation && !userActivation) {
      warn('no-user-activation', `${action} was called without a user gesture and grants nothing; call it from a click or key handler`);
      return false;
    }
    const stored: StoredDecision = { v: 1, id: state.consentId ?? randomId(), r: config.revision, t: now(), c, h: hash };
    const previous = state.decided ? state.choices : null;
    const next = stateFrom(stored);
    const decision: Decision = {
      action: context.action ?? action,
      consentId: stored.id,
      revision: stored.r,
      decidedAt: stored.t,
      expiresAt: next.expiresAt ?? stored.t,
      choices: next.choices,
      previous,
      userActivation,
      gpc,
      context: { layer: 'api', ...context },
    };
    // Decision listeners (the proof queue) run before the decision takes effect, so a record exists first.
    emit('decision', decision, new ConsentDecisionEvent(decision));
    writeDecision(stored, config.cookie, config.retention);
    state = next;
    emit('change', state, new ConsentChangeEvent(state));
    channel?.postMessage('change');
    return true;
  }

  /** "Load once" on a placeholder: recorded as consent for that one service, nothing stored (R35). */
  function recordEmbed(serviceId: string, context: DecisionContext = {}): boolean {
    const userActivation = hasUserActivation();
    if (!serviceCategory.has(serviceId) || (requireActivation && !userActivation)) return false;
    const at = now();
    const decision: Decision = {
      action: 'embed',
      consentId: state.consentId ?? randomId(),
      revision: config.revision,
      decidedAt: at,
      expiresAt: at,
      choices: state.choices,
      previous: state.decided ? state.choices : null,
      userActivation,
      gpc,
      context: { layer: 'placeholder', control: 'load-once', ...context, services: { ...context.services, [serviceId]: true } },
    };
    emit('decision', decision, new ConsentDecisionEvent(decision));
    return true;
  }

  function allChoices(value: boolean): Record<string, boolean> {
    return Object.fromEntries(consentCategories.map((category) => [category.id, value]));
  }

  function categoryOf(id: string): string | undefined {
    if (config.categories.some((category) => category.id === id)) return id;
    return serviceCategory.get(id);
  }

  function show(view: ConsentView): void {
    emit('show', view, new ConsentShowEvent(consent, view));
  }

  const consent: Consent = {
    config,
    get state() {
      return state;
    },
    has(id) {
      const category = categoryOf(id);
      if (!category) {
        warn('unknown-category', `"${id}" is neither a category nor a service in the config`);
        return false;
      }
      return state.choices[category] === true && (!sensitive || necessary.has(category));
    },
    when(id) {
      if (consent.has(id)) return Promise.resolve();
      return new Promise((resolve) => {
        const off = consent.on('change', () => {
          if (consent.has(id)) {
            off();
            resolve();
          }
        });
      });
    },
    on(name, listener) {
      listeners[name].add(listener);
      return () => listeners[name].delete(listener);
    },
    acceptAll: (context) =>
      decide('accept', Object.fromEntries(consentCategories.map((category) => [category.id, !gpcRefuses(config, category, gpc) || state.choices[category.id] === true])), context),
    rejectAll: (context) => decide('reject', allChoices(false), context),
    withdraw: (context) => decide('withdraw', allChoices(false), context),
    dismiss: (context) => decide('dismiss', allChoices(false), context),
    recordEmbed,
    set(choices, context) {
      for (const id of Object.keys(choices)) {
        if (!consentCategories.some((category) => category.id === id)) warn('unknown-category', `set(): "${id}" is not a consent category and is ignored`);
      }
      return decide('custom', { ...state.choices, ...choices }, context);
    },
    blocked: () => options.blockedLog?.list() ?? [],
    showPreferences: () => show('preferences'),
    showBanner: () => show('banner'),
    destroy() {
      channel?.close();
      for (const set of Object.values(listeners)) set.clear();
    },
  };

  // Another tab decided: pick it up without a reload.
  if (channel) channel.onmessage = refresh;

  if (!state.decided && (options.autoShow ?? true)) queueMicrotask(() => consent.showBanner());
  return consent;
}
