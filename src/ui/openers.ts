import type { Consent } from '../consent/contract.js';

const OPENERS = Symbol.for('samtycke.openers');

/**
 * Makes every `[data-samtycke="open"]` element of the page a way back to the
 * settings (R26): one click handler per page, the first to ask (the head
 * script's when there is one), so a click opens the preferences once.
 * `target` names the consent object at click time; without one the click is
 * left to the page.
 */
export function wireOpeners(target: () => Consent | null | undefined): void {
  const doc = document as Document & { [OPENERS]?: 1 };
  if (doc[OPENERS]) return;
  doc[OPENERS] = 1;
  document.addEventListener('click', (event) => {
    if (!(event.target as Element | null)?.closest?.('[data-samtycke="open"]')) return;
    const consent = target();
    if (!consent) return;
    event.preventDefault();
    consent.showPreferences();
  });
}
