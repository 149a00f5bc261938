/**
 * Which optional parts this build of the head script carries (see
 * `config/head-build.ts`). `HEAD_SETTINGS_BUTTON` and `HEAD_PROOF` are
 * replaced by the build; the minifier then drops the code of a part that is
 * off. Anything else (tests, the ESM build) has every part.
 */
import { headBuildMismatch } from '../config/head-build.js';

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
 * can (see `headBuildMismatch`).
 */
export const headMismatch = (input: unknown): string | undefined => headBuildMismatch({ settingsButton: WITH_SETTINGS_BUTTON, proof: WITH_PROOF }, input);
