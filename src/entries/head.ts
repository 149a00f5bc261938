/**
 * The script-tag entry (`dist/samtycke.js`), the first script in `<head>`.
 * It exposes `window.samtycke` synchronously and never imports Lit or zod:
 *
 * - Returning visitor, config text unchanged since the decision: the stored
 *   decision applies at once, nothing else is downloaded.
 * - Otherwise: a stand-in that grants nothing is exposed, and the chunk with
 *   the validator and the banner is fetched; it takes over when it arrives.
 *
 * In both cases the gates start before this script returns, so nothing after
 * it in the page can reach a gated host first (docs/gates.md).
 */
import { configHash, normalizeConfig, type Config } from '../config/config.js';
import { ConfigError } from '../config/config-error.js';
import type { ConfigInput } from '../config/schema.js';
import { createBlockedLog } from '../consent/blocked-log.js';
import { startConsent } from '../consent/consent.js';
import type { Consent } from '../consent/contract.js';
import type { StoredDecision } from '../consent/decision.js';
import { createDeferredConsent } from '../consent/deferred-consent.js';
import { startGateKeeper, type Gates } from '../gates/gate-keeper.js';
import { looseRecord, looseText } from '../internal/loose.js';
import { decisionCookie, readDecision } from '../storage/decision-cookie.js';
import { createDeferredProofSink } from '../storage/proof-queue.js';
import { gates as GATES_CHUNK } from './chunk-files.json';
import { importChunk } from './chunk-url.js';
import { sentinelOptions, watchFormsOnDemand } from './sentinel-loader.js';
import { createChunkLoader, showUiOnDemand, type UiChunk } from './ui-loader.js';

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
  const name = looseText(looseRecord(looseRecord(input).cookie).name);
  return readDecision({ name: name || 'samtycke', path: '/', sameSite: 'Lax' });
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
  // Set when the config waits for the validator: whichever load of the chunk succeeds first runs it.
  let validate: ((ui: UiChunk) => void) | undefined;
  const chunk = createChunkLoader(scriptSrc, (ui) => validate?.(ui));
  const blockedLog = createBlockedLog();
  const deferred = createDeferredConsent(blockedLog);
  let consent = deferred.consent;
  let raw: unknown;
  let gates: Gates | undefined;
  try {
    const { text, input } = readConfigText();
    raw = input;
    const sentinel = sentinelOptions(input);
    if (sentinel) watchFormsOnDemand(scriptSrc, sentinel);
    const stored = storedDecision(input);
    const begin = (config: Config): Consent => {
      const endpoint = config.collector?.endpoint;
      // Stored at once, sent by the chunk: a returning visitor with nothing to send loads nothing.
      const proof = endpoint ? createDeferredProofSink(() => chunk.load().then((ui) => ui.sendProofs(endpoint))) : undefined;
      const store = decisionCookie(config.cookie);
      // The cookie may have changed while the chunk loaded: only the synchronous path reuses the first read.
      return startConsent(config, configHash(text), chunk.loaded ? { store, proof } : { store, proof, stored }, { blockedLog });
    };
    const config = trustedConfig(text, input, stored);
    if (config) {
      consent = begin(config);
    } else {
      validate = (ui) => {
        validate = undefined;
        try {
          deferred.resolve(begin(ui.validateConfig(input)));
          // Necessary categories are granted from now on, decided or not.
          gates?.refresh();
        } catch (error) {
          // A broken config must be loud for the site owner and grant nothing.
          console.error(error);
        }
      };
      // An unreachable chunk too; a click on the settings tries again.
      chunk.load().catch((error: unknown) => console.error(error));
    }
  } catch (error) {
    console.error(error);
  }
  // Blocking reads the raw config (validated or not); granting only ever comes from `consent`.
  gates = startGateKeeper(consent, {
    config: raw,
    log: blockedLog,
    // Activation, placeholders and decision effects: fetched once a gated element shows up or a decision applies.
    actions: () => importChunk<typeof import('./gates-chunk.js')>(GATES_CHUNK, scriptSrc),
  });
  showUiOnDemand(consent, chunk, scriptSrc);
  return consent;
}

// Loaded twice (a copy-paste in a template): keep the first instance.
if (!window.samtycke) {
  window.samtycke = start((document.currentScript as HTMLScriptElement | null)?.src ?? location.href);
}
