import type { Config } from '../config/config.js';
import type { BlockedLog, Consent, ConsentEventMap, ConsentState } from './contract.js';
import { ConsentChangeEvent } from './events.js';

const NO_CONFIG: Config = { revision: '', policyUrl: '', retention: 0, cookie: { name: 'samtycke', path: '/', sameSite: 'Lax' }, categories: [] };
const UNDECIDED: ConsentState = { decided: false, choices: {}, consentId: null, decidedAt: null, expiresAt: null, revision: '', gpc: false };

type AnyListener = (value: never) => void;

/**
 * A consent object that stands in while the config is being validated (the
 * validator arrives with the lazily loaded chunk). Until then it grants
 * nothing and refuses decisions; afterwards it forwards everything to the
 * real one, including listeners registered early. With `resolve` never
 * called (a broken config) it stays a safe "no consent" forever.
 */
export function createDeferredConsent(log: Pick<BlockedLog, 'list'>): { consent: Consent; resolve(real: Consent): void } {
  let real: Consent | null = null;
  const early: [keyof ConsentEventMap, AnyListener][] = [];
  const waiting: (() => void)[] = [];

  const consent: Consent = {
    get config() {
      return real?.config ?? NO_CONFIG;
    },
    get state() {
      return real?.state ?? UNDECIDED;
    },
    get proof() {
      return real?.proof;
    },
    has: (id) => real?.has(id) ?? false,
    when: (id) => (real ? real.when(id) : new Promise<void>((resolve) => waiting.push(() => real!.when(id).then(resolve)))),
    on(name, listener) {
      if (real) return real.on(name, listener);
      const entry: [keyof ConsentEventMap, AnyListener] = [name, listener as AnyListener];
      early.push(entry);
      let off: (() => void) | null = null;
      // Attach only if still subscribed when the real object arrives.
      waiting.push(() => {
        if (early.includes(entry)) off = real!.on(name, listener);
      });
      return () => {
        const index = early.indexOf(entry);
        if (index >= 0) early.splice(index, 1);
        off?.();
      };
    },
    acceptAll: (context) => real?.acceptAll(context) ?? false,
    rejectAll: (context) => real?.rejectAll(context) ?? false,
    set: (choices, context) => real?.set(choices, context) ?? false,
    withdraw: (context) => real?.withdraw(context) ?? false,
    dismiss: (context) => real?.dismiss(context) ?? false,
    recordEmbed: (serviceId, context) => real?.recordEmbed(serviceId, context) ?? false,
    // The gates start before the real object exists: the stand-in reads their log from the first moment.
    blocked: () => log.list(),
    showPreferences: () => real?.showPreferences(),
    showBanner: () => real?.showBanner(),
    destroy: () => real?.destroy(),
  };

  return {
    consent,
    resolve(target) {
      real = target;
      for (const attach of waiting.splice(0)) attach();
      // Early change listeners have not seen the stored decision yet.
      if (target.state.decided) {
        for (const [name, listener] of early) {
          if (name !== 'change') continue;
          try {
            (listener as (state: ConsentState) => void)(target.state);
          } catch (error) {
            // A page's broken listener must not stop the others, nor what follows the hand-over.
            reportError(error);
          }
        }
        document.dispatchEvent(new ConsentChangeEvent(target.state));
      }
    },
  };
}
