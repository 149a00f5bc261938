/**
 * The script-tag entry (`dist/samtycke.js`), the first script in `<head>`.
 * It exposes `window.samtycke` synchronously, starts the gates before any
 * later script can send a request, and never imports Lit or zod:
 *
 * - A config text it can trust (a current `data-stamp` from `samtycke check`,
 *   or the text a stored decision was made under) is used at once.
 * - Any other text is validated by `samtycke-validate.js` first; until then
 *   the consent object grants nothing, and a broken config never grants.
 * - Without a stored decision the banner's code (`samtycke-ui.js`) is fetched
 *   at once, alongside the validator when that loads.
 * - A returning visitor on a page without gated elements needs nothing else:
 *   the decision takes effect and the settings button shows from here.
 *   Gated elements bring `samtycke-gates.js`, a layer `samtycke-ui.js`, a
 *   decision `samtycke-proof.js` (docs/gates.md, docs/ui.md).
 */
import { configHash, normalizeConfig, type Config } from '../config/config.js';
import type { ConfigInput } from '../config/schema.js';
import { createBlockedLog } from '../consent/blocked-log.js';
import { createPendingConsent, type PendingConsent } from '../consent/consent.js';
import { proofOfDecision } from '../consent/proof-of-decision.js';
import type { Consent } from '../consent/contract.js';
import { startGateKeeper, type Gates } from '../gates/gate-keeper.js';
import { looseRecord, looseText } from '../internal/loose.js';
import { decisionCookie, readDecision } from '../storage/decision-cookie.js';
import { createDeferredProofSink } from '../storage/proof-queue.js';
import { gates as GATES_CHUNK, proof as PROOF_CHUNK, validate as VALIDATE_CHUNK } from './chunk-files.json';
import { importChunk, withDevBuild } from './chunk-url.js';
import { headMismatch, TRIMMED_HEAD, WITH_PROOF } from './head-features.js';
import { watchFormsOnDemand } from './sentinel-loader.js';
import { showUiOnDemand, uiLoader } from './ui-loader.js';

/** The config element's text (`null` without one), its parsed value (`undefined` if it is not JSON) and its stamp. */
function readConfigElement(): { text: string | null; input: unknown; stamp: string | undefined } {
  const element = document.getElementById('samtycke-config');
  const text = element ? (element.textContent ?? '') : null;
  let input: unknown;
  try {
    input = text === null ? undefined : JSON.parse(text);
  } catch {
    // Reported, with the parser's words, by the validate chunk.
  }
  return { text, input, stamp: element?.dataset.stamp };
}

function start(scriptSrc: string): Consent {
  const blockedLog = createBlockedLog();
  const consent: PendingConsent = createPendingConsent({ blockedLog });
  const loadUi = uiLoader(consent, scriptSrc);
  let raw: unknown;
  let gates: Gates | undefined;
  /** Set when the validator refused the config. */
  let refused = false;
  try {
    const { text, input, stamp } = readConfigElement();
    raw = input;
    watchFormsOnDemand(scriptSrc, input);
    // A trimmed build (no settings button, no proofs) never serves a config that needs the part it lacks.
    // A config that is not an object at all is left to the validator, whose error says what is wrong.
    const mismatch = TRIMMED_HEAD && input instanceof Object && headMismatch(input);
    if (mismatch) throw new Error(`[samtycke] ${mismatch}; nothing is granted`);
    // Read once for the whole start-up: each read of document.cookie is a round trip to the browser process.
    const stored = readDecision({ name: looseText(looseRecord(looseRecord(input).cookie).name) || 'samtycke', path: '/', sameSite: 'Lax' });
    // No decision: the banner will be asked for. Its code is fetched now, alongside the validator if that loads.
    if (!stored && input) loadUi();
    const hash = configHash(text ?? '');
    const adopt = (config: Config, late: boolean): void => {
      const endpoint = config.collector?.endpoint;
      consent.adopt(config, {
        store: decisionCookie(config.cookie),
        configHash: hash,
        stored: late ? undefined : stored,
        late,
        // Stored at once, sent by a chunk: a returning visitor with nothing to send loads nothing.
        proof: WITH_PROOF && endpoint ? createDeferredProofSink(() => importChunk<typeof import('./proof-chunk.js')>(PROOF_CHUNK, scriptSrc).then((chunk) => chunk.sendProofs(endpoint))) : undefined,
        proofOf: WITH_PROOF ? proofOfDecision : undefined,
      });
    };
    // Only parsed JSON can be trusted, whatever a stamp or a cookie claims.
    if (input && (stamp === hash || stored?.h === hash)) {
      adopt(normalizeConfig(input as ConfigInput), false);
    } else {
      importChunk<typeof import('./validate-chunk.js')>(withDevBuild(VALIDATE_CHUNK), scriptSrc)
        .then((chunk) => {
          adopt(chunk.validateConfigText(text), true);
          // Necessary categories are granted from now on, decided or not.
          gates?.refresh();
        })
        // A broken config must be loud for the site owner and grant nothing; nor can it say what tracks.
        .catch((error: unknown) => {
          refused = true;
          console.error(error);
        });
    }
  } catch (error) {
    console.error(error);
  }
  // Blocking reads the raw config (validated or not); granting only ever comes from `consent`.
  gates = startGateKeeper(consent, {
    config: raw,
    log: blockedLog,
    // No config element, one that is not a JSON object, or one the validator refused: no list of trackers to go by.
    refused: () => refused || !(raw instanceof Object) || Array.isArray(raw),
    // Activation and placeholders: fetched once a gated element shows up.
    actions: () => importChunk<typeof import('./gates-chunk.js')>(GATES_CHUNK, scriptSrc),
  });
  showUiOnDemand(consent, scriptSrc, loadUi);
  return consent;
}

// Loaded twice (a copy-paste in a template): keep the first instance.
if (!window.samtycke) {
  window.samtycke = start((document.currentScript as HTMLScriptElement | null)?.src ?? location.href);
}
