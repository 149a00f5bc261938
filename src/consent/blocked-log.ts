import type { BlockedAttempt, BlockedLog } from './contract.js';
import { ConsentBlockedEvent } from './events.js';

/** A page that keeps retrying a tracker must not grow memory without bound. */
const MAX_ENTRIES = 500;

/**
 * A log of blocked attempts to share between the consent object and the
 * gates; each attempt is also announced as `samtycke:blocked`. Keeps the
 * latest 500.
 * @example
 * const blockedLog = createBlockedLog();
 * const consent = createConsent(config, { blockedLog });
 * startGates(consent, { log: blockedLog });
 */
export function createBlockedLog(): BlockedLog {
  const entries: BlockedAttempt[] = [];
  return {
    list: () => entries.slice(),
    add(attempt) {
      if (entries.length >= MAX_ENTRIES) entries.shift();
      entries.push(attempt);
      document.dispatchEvent(new ConsentBlockedEvent(attempt));
    },
  };
}
