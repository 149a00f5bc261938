/**
 * The head script comes in four builds: the full `samtycke.js`, and three
 * trimmed to a config that leaves parts of it unused. A site whose config
 * turns the floating settings button off (`ui.settingsButton: false`, with a
 * "Cookie settings" link of its own) does not need the button's code, and a
 * site without a collector does not need the proof queue; every visitor of
 * every page downloads the head script, so those bytes are worth leaving out.
 * The Vite plugin picks the build from the validated config; a trimmed build
 * refuses a config that needs what it lacks (it then grants nothing and says
 * which build to load), so a mismatch can never drop the way back to the
 * settings (R26) or a proof (R30) in silence.
 */
import { looseRecord } from '../internal/loose.js';

/** The optional parts of the head script a config uses. */
export interface HeadFeatures {
  /** The floating settings button: on unless `ui.settingsButton` is `false`. */
  readonly settingsButton: boolean;
  /** The proof queue: on when the config names a collector (`collector.endpoint`). */
  readonly proof: boolean;
}

/**
 * The optional parts of the head script a config uses, read from the raw
 * config without validating it. Anything unclear counts as used, so a
 * trimmed build refuses rather than loses something.
 * @param config the parsed config (any value; not validated)
 * @example headFeatures({ ui: { settingsButton: false }, categories: [] }) // { settingsButton: false, proof: false }
 */
export function headFeatures(config: unknown): HeadFeatures {
  const raw = looseRecord(config);
  return {
    settingsButton: looseRecord(raw.ui).settingsButton !== false,
    proof: Boolean(looseRecord(raw.collector).endpoint),
  };
}

/**
 * The file name of the head script build with exactly `features`:
 * `samtycke.js` (both), `samtycke-no-button.js`, `samtycke-no-proof.js` or
 * `samtycke-no-button-no-proof.js`. Every build lives next to the chunks it
 * loads, in the package's `dist/`.
 * @example headScriptFile(headFeatures(config)) // 'samtycke-no-button-no-proof.js'
 */
export function headScriptFile(features: HeadFeatures): string {
  return `samtycke${features.settingsButton ? '' : '-no-button'}${features.proof ? '' : '-no-proof'}.js`;
}

/** `samtycke.js`, `samtycke-no-proof.js`, … and their `.dev.js` builds; the part list in group 1. */
const HEAD_FILE = /^samtycke((?:-no-button)?(?:-no-proof)?)(?:\.dev)?\.js$/;

/**
 * The optional parts a head script build carries, read from its file name.
 * @param file a file name (`samtycke-no-proof.js`), without a path
 * @returns `undefined` when the name is not one of a head script build
 * @example headFileFeatures('samtycke-no-button.js') // { settingsButton: false, proof: true }
 */
export function headFileFeatures(file: string): HeadFeatures | undefined {
  const parts = HEAD_FILE.exec(file)?.[1];
  return parts === undefined ? undefined : { settingsButton: !parts.includes('-no-button'), proof: !parts.includes('-no-proof') };
}

/**
 * Why the head script build with `build`'s parts cannot serve `config`, or
 * `undefined` when it can (the full build serves every config). The same
 * words in the visitor's console (the build refuses the config: nothing is
 * granted) and from `samtycke check` (the page is refused).
 * @param config the parsed config (any value; not validated)
 * @example headBuildMismatch({ settingsButton: false, proof: false }, { categories: [] })
 * // 'samtycke-no-button-no-proof.js is built without the settings button (ui.settingsButton is not false); load samtycke-no-proof.js instead'
 */
export function headBuildMismatch(build: HeadFeatures, config: unknown): string | undefined {
  const needed = headFeatures(config);
  const missing = [
    needed.settingsButton && !build.settingsButton && 'the settings button (ui.settingsButton is not false)',
    needed.proof && !build.proof && 'proofs (collector is set)',
  ].filter(Boolean);
  return missing.length ? `${headScriptFile(build)} is built without ${missing.join(' or ')}; load ${headScriptFile(needed)} instead` : undefined;
}
