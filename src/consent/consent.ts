/**
 * The consent object (the contract is in `contract.ts`): the state machine
 * over a validated config. It reads and writes its decision through a
 * `DecisionStore` and hands proof records to a `ProofSink`, both given with
 * the config, so it knows nothing of cookies or the network.
 *
 * The script tag's object starts before its config is trusted: until
 * `adopt()` it grants nothing, decides nothing and keeps its listeners, so
 * the page can subscribe from the first moment.
 */
import type { CategoryConfig, Config } from '../config/config.js';
import { DEV, warn } from '../internal/dev.js';
import { randomId } from '../internal/random-id.js';
import { stateOf } from './consent-state.js';
import type { ProofRecord } from '../proof/proof-record.js';
import type { Consent, ConsentOptions, ConsentState, ConsentView, DecisionStore, ProofSink } from './contract.js';
import { DAY_MS, staleReason, type Decision, type DecisionAction, type DecisionContext, type StoredDecision } from './decision.js';
import { ConsentChangeEvent, ConsentDecisionEvent, ConsentShowEvent } from './events.js';
import { browserSendsGpc, gpcRefuses } from './gpc.js';
import { createListeners } from './listeners.js';
import { inSensitiveZone } from './sensitive-zone.js';
import { hasUserActivation } from './user-activation.js';

/** What comes with the validated config. */
export interface Adoption {
  /** Where the decision is kept (the decision cookie, named and scoped by the config). */
  readonly store: DecisionStore;
  /** The fingerprint of the config text, kept with each decision (see `configHash`). */
  readonly configHash: string;
  /** The stored decision, when the caller already read it (start-up reads the cookie once). */
  readonly stored?: StoredDecision | null | undefined;
  /** Where proof records go, when a collector is configured. */
  readonly proof?: ProofSink | undefined;
  /**
   * How a decision becomes its proof record (`proofOfDecision`), given with
   * `proof`: a head script built without proofs leaves the record's code out.
   */
  readonly proofOf?: ((decision: Decision) => ProofRecord) | undefined;
  /** The config came after the page could subscribe: a stored decision is announced as a change. */
  readonly late?: boolean;
}

/** A consent object that has not been given its config yet (the script tag's, while the config is validated). */
export interface PendingConsent extends Consent {
  /** Gives it the validated config (once): reads the stored decision and asks for the banner when there is none. */
  adopt(config: Config, adoption: Adoption): void;
}

/** No config yet: nothing to grant. */
const NO_CONFIG: Config = { revision: '', policyUrl: '', retention: 0, cookie: { name: 'samtycke', path: '/', sameSite: 'Lax' }, categories: [] };

/**
 * A consent object without its config: it grants nothing and decides nothing
 * until `adopt()` (a broken config never gets there, and stays "no consent").
 */
export function createPendingConsent(options: ConsentOptions = {}): PendingConsent {
  const now = options.now ?? Date.now;
  const requireActivation = options.requireUserActivation ?? true;
  const gpc = browserSendsGpc();
  const listeners = createListeners();
  let config = NO_CONFIG;
  let configHash = '';
  let store: DecisionStore | undefined;
  let proof: ProofSink | undefined;
  let proofOf: Adoption['proofOf'];
  let adopted = false;
  let optional: readonly CategoryConfig[] = [];
  let necessary = new Set<string>();
  let serviceCategory = new Map<string, string>();
  let channel: BroadcastChannel | null = null;
  let state: ConsentState = stateOf(config, null, gpc);

  /** The stored decision if it still counts (R21, R23, R24). */
  function currentDecision(known: StoredDecision | null | undefined): StoredDecision | null {
    const stored = known === undefined ? store!.read() : known;
    const reason = stored && staleReason(stored, config, now());
    if (!reason) return stored;
    warn(`stale-${reason}`, `the stored decision is ignored (${reason === 'revision' ? `made under revision "${stored!.r}", now "${config.revision}"` : reason === 'expired' ? 'older than the renewal period' : 'dated in the future'})`);
    return null;
  }

  function changeTo(next: ConsentState): void {
    state = next;
    listeners.emit('change', state, new ConsentChangeEvent(state));
  }

  /**
   * Another tab decided: pick it up without a reload. The notice carries the
   * decision itself, so this tab never reads a cookie the other tab's write has
   * not reached yet; a notice without one (an older tab) reads the cookie.
   */
  function refresh(event: { data?: unknown }): void {
    const carried = typeof event.data === 'string' ? store!.parse(event.data) : null;
    const next = stateOf(config, currentDecision(carried ?? undefined), gpc);
    if (JSON.stringify(next) !== JSON.stringify(state)) changeTo(next);
  }

  /** A page back from the back/forward cache may have missed another tab's notice (WebKit drops them): the cookie is read again. */
  function restored(event: PageTransitionEvent): void {
    if (event.persisted) refresh({});
  }

  /** The proof first, then `decision` listeners: a record exists before the decision takes effect (R30). */
  function record(decision: Decision): void {
    if (proof && proofOf) proof.enqueue(proofOf(decision));
    listeners.emit('decision', decision, new ConsentDecisionEvent(decision));
  }

  function decide(action: DecisionAction, wanted: Readonly<Record<string, boolean>>, context: DecisionContext = {}): boolean {
    if (!adopted) return false;
    const c: Record<string, 0 | 1> = {};
    for (const category of optional) c[category.id] = wanted[category.id] === true ? 1 : 0;
    const userActivation = hasUserActivation();
    const grantsMore = optional.some((category) => c[category.id] === 1 && !state.choices[category.id]);
    if (grantsMore && requireActivation && !userActivation) {
      warn('no-user-activation', `${action} was called without a user gesture and grants nothing; call it from a click or key handler`);
      return false;
    }
    const stored: StoredDecision = { v: 1, id: state.consentId ?? randomId(), r: config.revision, t: now(), c, h: configHash };
    const next = stateOf(config, stored, gpc);
    record({
      action: context.action ?? action,
      consentId: stored.id,
      revision: stored.r,
      decidedAt: stored.t,
      expiresAt: next.expiresAt ?? stored.t,
      choices: next.choices,
      previous: state.decided ? state.choices : null,
      userActivation,
      gpc,
      context: { layer: 'api', ...context },
    });
    store!.write(stored, config.retention);
    changeTo(next);
    channel?.postMessage(JSON.stringify(stored));
    return true;
  }

  /** "Load once" on a placeholder: recorded as consent for that one service, nothing stored (R35). */
  function recordEmbed(serviceId: string, context: DecisionContext = {}): boolean {
    const userActivation = hasUserActivation();
    if (!serviceCategory.has(serviceId) || (requireActivation && !userActivation)) return false;
    const at = now();
    record({
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
    });
    return true;
  }

  const every = (value: boolean): Record<string, boolean> => Object.fromEntries(optional.map((category) => [category.id, value]));
  const categoryOf = (id: string): string | undefined => (config.categories.some((category) => category.id === id) ? id : serviceCategory.get(id));
  // A view asked for before the config (a click on "Cookie settings" while it is validated): shown once adopted.
  let requested: ConsentView | undefined;
  const show = (view: ConsentView): void => {
    if (adopted) listeners.emit('show', view, new ConsentShowEvent(consent, view));
    else requested = view;
  };

  const consent: PendingConsent = {
    get config() {
      return config;
    },
    get state() {
      return state;
    },
    has(id) {
      const category = categoryOf(id);
      if (!category) {
        if (adopted) warn('unknown-category', `"${id}" is neither a category nor a service in the config`);
        return false;
      }
      // On a sensitive page nothing optional runs, whatever was chosen; the choice itself is kept (R41).
      // The address is read on each call: a single-page app moves into a zone without a page load.
      return state.choices[category] === true && (necessary.has(category) || !inSensitiveZone(config));
    },
    when(id) {
      if (consent.has(id)) return Promise.resolve();
      return new Promise((resolve) => {
        const off = consent.on('change', () => {
          if (!consent.has(id)) return;
          off();
          resolve();
        });
      });
    },
    on: listeners.on,
    // Global Privacy Control keeps marketing off under "Accept all", unless it was switched on one by one (R48).
    acceptAll: (context) => decide('accept', Object.fromEntries(optional.map((category) => [category.id, !gpcRefuses(config, category, gpc) || state.choices[category.id] === true])), context),
    rejectAll: (context) => decide('reject', every(false), context),
    withdraw: (context) => decide('withdraw', every(false), context),
    dismiss: (context) => decide('dismiss', every(false), context),
    recordEmbed,
    set(choices, context) {
      if (DEV) {
        for (const id of Object.keys(choices)) {
          if (!optional.some((category) => category.id === id)) warn('unknown-category', `set(): "${id}" is not a consent category and is ignored`);
        }
      }
      return decide('custom', { ...state.choices, ...choices }, context);
    },
    blocked: () => options.blockedLog?.list() ?? [],
    showPreferences: () => show('preferences'),
    showBanner: () => show('banner'),
    destroy() {
      channel?.close();
      removeEventListener('pageshow', restored);
      listeners.clear();
    },
    get proof() {
      return proof;
    },
    adopt(validated, adoption) {
      if (adopted) return;
      adopted = true;
      config = validated;
      configHash = adoption.configHash;
      store = adoption.store;
      proof = adoption.proof;
      proofOf = adoption.proofOf;
      optional = config.categories.filter((category) => !category.necessary);
      necessary = new Set(config.categories.filter((category) => category.necessary).map((category) => category.id));
      serviceCategory = new Map(config.categories.flatMap((category) => category.services.map((service) => [service.id, category.id] as const)));
      if (typeof BroadcastChannel === 'function') {
        channel = new BroadcastChannel(`samtycke:${config.cookie.name}`);
        channel.onmessage = refresh;
      }
      addEventListener('pageshow', restored);
      const initial = currentDecision(adoption.stored);
      // Same decision, config text edited without a new revision: keep the decision, note the new fingerprint.
      if (initial && initial.h !== configHash) store.write({ ...initial, h: configHash }, (initial.t + config.retention * DAY_MS - now()) / DAY_MS);
      const next = stateOf(config, initial, gpc);
      // Listeners that came before the config have not seen the stored decision yet.
      if (initial && adoption.late) changeTo(next);
      else state = next;
      if (!initial && (options.autoShow ?? true)) queueMicrotask(() => consent.showBanner());
      if (requested) queueMicrotask(() => show(requested!));
    },
  };
  return consent;
}

/**
 * Starts the consent object over a config that is already validated and
 * normalised; `createConsent()` is the public way in.
 */
export function startConsent(config: Config, adoption: Adoption, options: ConsentOptions = {}): Consent {
  const consent = createPendingConsent(options);
  consent.adopt(config, adoption);
  return consent;
}
