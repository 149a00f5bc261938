/**
 * The `samtycke/react` entry: `useConsent()` and `useGranted()`. No side
 * effects; imports on a server. React is an optional peer dependency.
 */
export { useConsent, useGranted } from '../frameworks/react-hooks.js';
export type { ConsentSnapshot } from '../frameworks/consent-snapshot.js';
