import { configHash } from '../../src/config/config.js';
import { browserCookies } from './browser.js';
import { until } from './until.js';

/** The consent id of every decision `storeDecision()` writes. */
export const STORED_CONSENT_ID = '5f0c7a1e-2b3d-4c5e-8f90-a1b2c3d4e5f6';

/**
 * Writes the decision cookie a returning visitor would have, made a second
 * ago under the config text `text` (revision "2026-11-01"), and waits until
 * the browser's jar holds it: the page loaded next reads the jar, which
 * WebKit may answer before it has stored this write. `overrides` replaces
 * fields of the stored value (a forged `v`, another `h`).
 *
 * @example await storeDecision(configText(siteConfig()), { analytics: 1, marketing: 0, media: 0 });
 */
export async function storeDecision(text: string, choices: Record<string, 0 | 1>, overrides: Record<string, unknown> = {}): Promise<void> {
  const value = { v: 1, id: STORED_CONSENT_ID, r: '2026-11-01', t: Date.now() - 1000, c: choices, h: configHash(text), ...overrides };
  document.cookie = `samtycke=${encodeURIComponent(JSON.stringify(value))}; Path=/; SameSite=Lax`;
  await until(async () => (await browserCookies()).some((cookie) => cookie.name === 'samtycke'), 'the decision cookie in the browser\'s jar');
}
