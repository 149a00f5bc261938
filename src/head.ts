/**
 * The script-tag entry (`dist/samtycke.js`), the first script in `<head>`.
 * It exposes `window.samtycke` synchronously and never imports Lit or zod:
 *
 * - Returning visitor, config text unchanged since the decision: the stored
 *   decision applies at once, nothing else is downloaded.
 * - Otherwise: a stand-in that grants nothing is exposed, and the chunk with
 *   the validator and the banner is fetched; it takes over when it arrives.
 */
import { startConsent, type Consent } from './consent.js';
import { configHash, normalizeConfig, type Config } from './config.js';
import { ConfigError } from './config-error.js';
import { createDeferredConsent } from './deferred-consent.js';
import { readDecision, type StoredDecision } from './storage/decision-cookie.js';
import { createChunkLoader, showUiOnDemand } from './ui-loader.js';
import { recordProofsLazily } from './proof-wiring.js';
import { sentinelOptions, watchFormsOnDemand } from './sentinel-loader.js';
import type { ConfigInput } from './schema.js';

declare global {
  interface Window {
    samtycke?: Consent;
  }
}

function readConfigText(): { text: string; input: unknown } {
  const element = document.getElementById('samtycke-config');
  if (!element) throw new ConfigError([{ path: '', code: 'missing', message: 'no <script type="application/json" id="samtycke-config"> before the samtycke script' }]);
  const text = element.textContent ?? '';
  try {
    return { text, input: JSON.parse(text) };
  } catch (error) {
    throw new ConfigError([{ path: '', code: 'invalid_json', message: `the config is not valid JSON (${(error as Error).message})` }]);
  }
}

/** The stored decision, read once for the whole start-up. */
function storedDecision(input: unknown): StoredDecision | null {
  const name = (input as { cookie?: { name?: unknown } } | null)?.cookie?.name;
  return readDecision({ name: typeof name === 'string' ? name : 'samtycke', path: '/', sameSite: 'Lax' });
}

/** The config, when this exact text was validated when the stored decision was made. */
function trustedConfig(text: string, input: unknown, stored: StoredDecision | null): Config | null {
  try {
    return stored?.h === configHash(text) ? normalizeConfig(input as ConfigInput) : null;
  } catch {
    return null;
  }
}

function start(scriptSrc: string): Consent {
  const chunk = createChunkLoader(scriptSrc);
  const deferred = createDeferredConsent();
  let consent = deferred.consent;
  try {
    const { text, input } = readConfigText();
    const sentinel = sentinelOptions(input);
    if (sentinel) watchFormsOnDemand(scriptSrc, sentinel);
    const stored = storedDecision(input);
    const begin = (config: Config): Consent => {
      // The cookie may have changed while the chunk loaded: only the synchronous path reuses the first read.
      const started = startConsent(config, configHash(text), chunk.loaded ? {} : { stored });
      const endpoint = config.collector?.endpoint;
      if (endpoint) recordProofsLazily(started, () => chunk.load().then((ui) => ui.sendProofs(endpoint)));
      return started;
    };
    const config = trustedConfig(text, input, stored);
    if (config) {
      consent = begin(config);
    } else {
      chunk
        .load()
        .then((ui) => deferred.resolve(begin(ui.validateConfig(input))))
        // A broken config (or an unreachable chunk) must be loud for the site owner and grant nothing.
        .catch((error: unknown) => console.error(error));
    }
  } catch (error) {
    console.error(error);
  }
  showUiOnDemand(consent, chunk);
  return consent;
}

// Loaded twice (a copy-paste in a template): keep the first instance.
if (!window.samtycke) {
  window.samtycke = start((document.currentScript as HTMLScriptElement | null)?.src ?? location.href);
}
