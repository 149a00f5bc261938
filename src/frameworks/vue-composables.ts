/**
 * Vue composables over the page's consent object. They start from the
 * inert state (what the server renders: nothing granted) and move to the
 * live state in `onMounted`, which runs only in the browser and after
 * hydration, so server HTML and the first client render agree.
 */
import { computed, getCurrentInstance, onBeforeUnmount, onMounted, shallowRef, type ComputedRef, type ShallowRef } from 'vue';
import type { Consent, ConsentState } from '../consent/contract.js';
import { getConsent } from '../consent/get-consent.js';
import { inertSnapshot, liveSnapshot, type ConsentSnapshot } from './consent-snapshot.js';

/**
 * What `useConsent()` returns.
 * @example
 * const { state, has, consent }: UseConsent = useConsent();
 */
export interface UseConsent {
  /** The consent state, reactive. */
  readonly state: ComputedRef<ConsentState>;
  /** Whether a category or service id is granted; reactive when called in a template, `computed` or `watchEffect`. */
  has(id: string): boolean;
  /** The page's consent object, to act on from event handlers. */
  readonly consent: Consent;
}

/** The live snapshot once the component is mounted, updated on every change. */
function trackConsent(consent: Consent): Readonly<ShallowRef<ConsentSnapshot>> {
  const snapshot = shallowRef(inertSnapshot(consent));
  const follow = () => {
    snapshot.value = liveSnapshot(consent);
    return consent.on('change', () => (snapshot.value = liveSnapshot(consent)));
  };
  if (getCurrentInstance()) {
    let off: (() => void) | undefined;
    onMounted(() => (off = follow()));
    onBeforeUnmount(() => off?.());
  } else if (typeof window !== 'undefined') {
    // Outside a component (a store module in the browser): live at once, for the page's lifetime.
    follow();
  }
  return snapshot;
}

/**
 * The consent state and `has()`, reactive, and the consent object to act on.
 * Call it in `setup()` (or `<script setup>`). Nothing is granted on the
 * server and in the first render after hydration; the live state follows
 * when the component is mounted.
 *
 * @param consent the consent object; default `getConsent()`, the head script's
 * @example
 * <script setup lang="ts">
 * import { useConsent } from 'samtycke/vue';
 * const { has, consent } = useConsent();
 * </script>
 * <template>
 *   <iframe v-if="has('media')" src="https://www.youtube-nocookie.com/embed/ID" title="Video" />
 *   <button v-else type="button" @click="consent.showPreferences()">Allow videos</button>
 * </template>
 */
export function useConsent(consent: Consent = getConsent()): UseConsent {
  const snapshot = trackConsent(consent);
  return { state: computed(() => snapshot.value.state), has: (id) => snapshot.value.has(id), consent };
}

/**
 * Whether one category or service is granted, as a computed ref; `false` on
 * the server and until the component is mounted.
 *
 * @param id a category id (`analytics`) or a service id (`ga4`)
 * @param consent the consent object; default `getConsent()`
 * @example
 * const chat = useGranted('support-chat');
 * // <ChatWidget v-if="chat" />
 */
export function useGranted(id: string, consent: Consent = getConsent()): ComputedRef<boolean> {
  const snapshot = trackConsent(consent);
  return computed(() => snapshot.value.has(id));
}

