/**
 * Type tests of the framework bindings: compiled by `npm run typecheck`, never run. Each
 * `@ts-expect-error` must be an error, or the type check fails.
 */
import type { ComputedRef } from 'vue';
import type { Readable } from 'svelte/store';
import { useConsent as useReactConsent, useGranted as useReactGranted, type ConsentSnapshot } from '../../src/entries/react.js';
import { useConsent as useVueConsent, useGranted as useVueGranted } from '../../src/entries/vue.js';
import { consentStore, grantedStore } from '../../src/entries/svelte.js';
import { getConsent, type ConsentState } from '../../src/entries/index.js';

export function reactTypes(): boolean {
  const snapshot: ConsentSnapshot = useReactConsent(getConsent());
  const state: ConsentState = snapshot.state;
  // @ts-expect-error the snapshot is read-only
  snapshot.state = state;
  // @ts-expect-error ids are strings
  useReactGranted(1);
  snapshot.consent.showPreferences();
  return useReactGranted('analytics') && snapshot.has('ga4');
}

export function vueTypes(): ComputedRef<boolean> {
  const { state, has, consent } = useVueConsent();
  const decided: boolean = state.value.decided;
  // @ts-expect-error a computed state cannot be assigned
  state.value = state.value;
  consent.withdraw();
  return decided && has('analytics') ? useVueGranted('analytics') : useVueGranted('marketing');
}

export function svelteTypes(): Readable<boolean> {
  const store: Readable<ConsentSnapshot> = consentStore();
  // @ts-expect-error a readable store has no set()
  store.set(undefined);
  return grantedStore('analytics');
}
