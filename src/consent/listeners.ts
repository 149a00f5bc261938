import type { ConsentEventMap } from './contract.js';

type Listeners = { [K in keyof ConsentEventMap]: Set<(value: ConsentEventMap[K]) => void> };

/** The listeners of one consent object, by event name. */
export interface ConsentListeners {
  on<K extends keyof ConsentEventMap>(name: K, listener: (value: ConsentEventMap[K]) => void): () => void;
  /** Calls every listener of `name`, then dispatches `event` on `document`. */
  emit<K extends keyof ConsentEventMap>(name: K, value: ConsentEventMap[K], event: Event): void;
  clear(): void;
}

export function createListeners(): ConsentListeners {
  const listeners: Listeners = { change: new Set(), decision: new Set(), show: new Set() };
  return {
    on(name, listener) {
      listeners[name].add(listener);
      return () => listeners[name].delete(listener);
    },
    emit(name, value, event) {
      for (const listener of [...listeners[name]]) {
        try {
          listener(value);
        } catch (error) {
          // A broken listener must not stop the others, nor the decision itself.
          reportError(error);
        }
      }
      document.dispatchEvent(event);
    },
    clear() {
      for (const set of Object.values(listeners)) set.clear();
    },
  };
}
