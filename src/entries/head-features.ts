/**
 * Which optional parts this build of the head script carries (see
 * `config/head-build.ts`). `HEAD_SETTINGS_BUTTON` and `HEAD_PROOF` are
 * replaced by the build; the minifier then drops the code of a part that is
 * off. Anything else (tests, the ESM build) has every part.
 */
import { headFeatures, headScriptFile, type HeadFeatures } from '../config/head-build.js';

declare const HEAD_SETTINGS_BUTTON: boolean | undefined;
declare const HEAD_PROOF: boolean | undefined;

/** This build has the floating settings button. */
export const WITH_SETTINGS_BUTTON: boolean = typeof HEAD_SETTINGS_BUTTON === 'undefined' || HEAD_SETTINGS_BUTTON;
/** This build has the proof queue. */
export const WITH_PROOF: boolean = typeof HEAD_PROOF === 'undefined' || HEAD_PROOF;

/** This build leaves something out. */
export const TRIMMED_HEAD: boolean = !WITH_SETTINGS_BUTTON || !WITH_PROOF;

/**
 * Why this build cannot serve the raw config `input`, or `undefined` when it
 * can. The full build serves every config.
 */
export function headMismatch(input: unknown): string | undefined {
  const needed: HeadFeatures = headFeatures(input);
  if ((!needed.settingsButton || WITH_SETTINGS_BUTTON) && (!needed.proof || WITH_PROOF)) return undefined;
  return `[samtycke] this head script is built without ${needed.settingsButton && !WITH_SETTINGS_BUTTON ? 'the settings button (the config shows it: ui.settingsButton)' : 'proofs (the config names a collector)'}; nothing is granted. Load ${headScriptFile(needed)} instead.`;
}
