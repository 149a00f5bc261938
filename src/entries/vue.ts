/**
 * The `samtycke/vue` entry: the `useConsent()` and `useGranted()`
 * composables. No side effects; imports on a server. Vue is an optional
 * peer dependency.
 */
export { useConsent, useGranted } from '../frameworks/vue-composables.js';
export type { UseConsent } from '../frameworks/vue-composables.js';
export type { ConsentSnapshot } from '../frameworks/consent-snapshot.js';
