/**
 * Development warnings. `DEV_MODE` is replaced by the build: the production
 * script-tag bundles drop every warning, the ESM and `.dev.js` builds keep
 * them (a bundler that defines `DEV_MODE=false` drops them too).
 */
declare const DEV_MODE: boolean | undefined;

/** Whether this build keeps development warnings. */
export const DEV: boolean = typeof DEV_MODE === 'undefined' || DEV_MODE;

const issued = new Set<string>();

/**
 * Warns once per code and message, with a pointer to the README section for that code.
 * @example warn('unknown-category', 'data-category="stats" matches no category')
 */
export function warn(code: string, message: string): void {
  if (!DEV) return;
  const key = `${code}:${message}`;
  if (issued.has(key)) return;
  issued.add(key);
  console.warn(`[samtycke] ${message} (warning "${code}", see README.md#warning-${code})`);
}
