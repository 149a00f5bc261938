/**
 * The `samtycke/svelte` entry: the `consentStore()` and `grantedStore()`
 * readable stores. No side effects; imports on a server. Svelte is an
 * optional peer dependency.
 */
export { consentStore, grantedStore } from '../frameworks/svelte-stores.js';
export type { ConsentSnapshot } from '../frameworks/consent-snapshot.js';
