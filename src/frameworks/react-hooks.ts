/**
 * React hooks over the page's consent object, on `useSyncExternalStore`:
 * every component sees the same state in the same render (no tearing), and
 * a server render or a hydration uses the server snapshot (nothing granted),
 * so server HTML and the browser's first render agree; React renders again
 * with the live state right after hydrating.
 */
import { useCallback, useSyncExternalStore } from 'react';
import type { Consent } from '../consent/contract.js';
import { getConsent } from '../consent/get-consent.js';
import { inertSnapshot, liveSnapshot, type ConsentSnapshot } from './consent-snapshot.js';

const subscriber = (consent: Consent) => (onChange: () => void) => consent.on('change', onChange);

/**
 * The consent state, `has()` for it, and the consent object to act on. The
 * component renders again after every change (a decision here or in another
 * tab). On the server, and while hydrating, nothing is granted.
 *
 * @param consent the consent object; default `getConsent()`, the head script's
 * @example
 * function Video() {
 *   const { has, consent } = useConsent();
 *   return has('media')
 *     ? <iframe src="https://www.youtube-nocookie.com/embed/ID" title="Video" />
 *     : <button onClick={() => consent.showPreferences()}>Allow videos</button>;
 * }
 */
export function useConsent(consent: Consent = getConsent()): ConsentSnapshot {
  const subscribe = useCallback(subscriber(consent), [consent]);
  return useSyncExternalStore(
    subscribe,
    () => liveSnapshot(consent),
    () => inertSnapshot(consent),
  );
}

/**
 * Whether one category or service is granted; renders again only when that
 * answer changes. `false` on the server and while hydrating.
 *
 * @param id a category id (`analytics`) or a service id (`ga4`)
 * @param consent the consent object; default `getConsent()`
 * @example
 * function Chat() {
 *   return useGranted('support-chat') ? <ChatWidget /> : null;
 * }
 */
export function useGranted(id: string, consent: Consent = getConsent()): boolean {
  const subscribe = useCallback(subscriber(consent), [consent]);
  return useSyncExternalStore(
    subscribe,
    () => consent.has(id),
    () => false,
  );
}

