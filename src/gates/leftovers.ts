import { globPattern } from '../internal/glob.js';
import { names, type GateService } from './rules.js';

/** Cookies and storage keys of refused services that are on this page now, by name. */
export interface Leftovers {
  readonly cookies: readonly string[];
  readonly localStorage: readonly string[];
  readonly sessionStorage: readonly string[];
}

/**
 * What `services` left on this site that the page can see: their declared
 * cookies (names, `*` as a wildcard) and localStorage and sessionStorage
 * keys. Never the decision cookie or samtycke's own keys (unsent proofs).
 * Cheap enough for every page view of a visitor who refused: a storage area
 * is only read when a refused service declares keys (the first read of one
 * on a page is a round trip to the browser process).
 */
export function findLeftovers(services: readonly GateService[], decisionCookie: string): Leftovers | null {
  if (!services.length) return null;
  const cookie = globPattern(services.flatMap((service) => names(service.source.cookies)));
  const keys = services.flatMap((service) => names(service.source.storage));
  const key = globPattern(keys);
  const cookies = document.cookie
    .split(';')
    .map((entry) => entry.split('=')[0]!.trim())
    // A refusal must be remembered (R20): never the decision itself.
    .filter((name) => name && name !== decisionCookie && cookie.test(name));
  const inArea = (area: 'localStorage' | 'sessionStorage'): string[] => {
    try {
      return keys.length ? Object.keys(window[area]).filter((name) => key.test(name) && !name.startsWith('samtycke')) : [];
    } catch {
      // Storage disabled or sandboxed: nothing was stored there either.
      return [];
    }
  };
  const found = { cookies, localStorage: inArea('localStorage'), sessionStorage: inArea('sessionStorage') };
  return cookies.length || found.localStorage.length || found.sessionStorage.length ? found : null;
}
