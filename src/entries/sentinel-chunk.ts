/**
 * `dist/samtycke-sentinel.js`, loaded by the head script the first time a
 * visitor focuses a form field. It wraps nothing itself: the head script
 * hands it the request hooks it installed.
 */
export { startSentinel, runningSentinel } from '../sentinel/watch-for-leaks.js';
