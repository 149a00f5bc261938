import type { Consent } from './contract.js';
import { inertConsent } from './inert-consent.js';
import { warn } from '../internal/dev.js';

/**
 * The page's consent object: the one the script tag (`samtycke.js`, first in
 * `<head>`) made, typed. On a server rendering the page, and on a page
 * without the head script, an inert one that grants nothing (see
 * `inertConsent`); the development build warns about the missing script
 * (warning `no-head-script`). This is how an app built with npm reaches
 * consent: the head script gates every request before the app's first
 * module runs, whatever that module imports.
 *
 * @returns the consent object; never throws.
 * @example
 * import { getConsent } from 'samtycke';
 * const consent = getConsent();
 * consent.when('analytics').then(() => import('./analytics.js'));
 */
export function getConsent(): Consent {
  if (typeof window === 'undefined') return inertConsent;
  if (window.samtycke) return window.samtycke;
  warn('no-head-script', 'getConsent() found no samtycke head script on this page: nothing is gated and nothing is granted. Load samtycke.js first in <head>');
  return inertConsent;
}
