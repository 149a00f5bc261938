/**
 * Svelte stores over the page's consent object. A store starts with the
 * inert snapshot (what the server renders: nothing granted) and moves to the
 * live one when the component that made it is mounted, which in the browser
 * is after hydration: server HTML and the first client render agree. Make
 * one per component (in its `<script>`), so an island hydrated later starts
 * from the inert state too. Made outside a component, a store moves to the
 * live snapshot in a microtask after its first subscriber.
 */
import { onMount } from 'svelte';
import { derived, readable, type Readable } from 'svelte/store';
import type { Consent } from '../consent/contract.js';
import { getConsent } from '../consent/get-consent.js';
import { inertSnapshot, liveSnapshot, type ConsentSnapshot } from './consent-snapshot.js';

/**
 * A readable store of the consent snapshot: `$consent.state`,
 * `$consent.has(id)`, and `$consent.consent` to act on. It follows every
 * change while it has subscribers, from the moment its component is mounted;
 * before that (server rendering, hydration) it is the inert snapshot.
 *
 * @param consent the consent object; default `getConsent()`, the head script's
 * @example
 * <script>
 *   import { consentStore } from 'samtycke/svelte';
 *   const consent = consentStore();
 * </script>
 * {#if $consent.has('media')}
 *   <iframe src="https://www.youtube-nocookie.com/embed/ID" title="Video"></iframe>
 * {:else}
 *   <button type="button" onclick={() => $consent.consent.showPreferences()}>Allow videos</button>
 * {/if}
 */
export function consentStore(consent: Consent = getConsent()): Readable<ConsentSnapshot> {
  let live = false;
  let update: ((snapshot: ConsentSnapshot) => void) | undefined;
  const goLive = () => {
    live = true;
    update?.(liveSnapshot(consent));
  };
  let inComponent = true;
  try {
    // Runs in the browser only, once the component is mounted (hydrated); on a server it is a no-op.
    onMount(goLive);
  } catch {
    inComponent = false;
  }
  return readable(inertSnapshot(consent), (set) => {
    if (typeof window === 'undefined') return undefined;
    update = set;
    if (live) set(liveSnapshot(consent));
    // Outside a component: after the synchronous hydration that subscribed.
    else if (!inComponent) queueMicrotask(goLive);
    const off = consent.on('change', () => {
      if (live) set(liveSnapshot(consent));
    });
    return () => {
      update = undefined;
      off();
    };
  });
}

/**
 * A readable store of whether one category or service is granted; `false`
 * on the server and in the first render after hydration.
 *
 * @param id a category id (`analytics`) or a service id (`ga4`)
 * @param consent the consent object; default `getConsent()`
 * @example
 * <script>
 *   import { grantedStore } from 'samtycke/svelte';
 *   const chat = grantedStore('support-chat');
 * </script>
 * {#if $chat}<ChatWidget />{/if}
 */
export function grantedStore(id: string, consent: Consent = getConsent()): Readable<boolean> {
  return derived(consentStore(consent), (snapshot) => snapshot.has(id));
}

