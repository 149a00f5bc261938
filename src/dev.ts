/**
 * Development warnings. `DEV_MODE` is replaced by the build: the production
 * script-tag bundle drops every warning, the ESM and `.dev.js` builds keep them.
 */
declare const DEV_MODE: boolean | undefined;

const issued = new Set<string>();

/**
 * Warns once per code, with a pointer to the README section for that code.
 * @example warn('unknown-category', 'data-category="stats" matches no category')
 */
export function warn(code: string, message: string): void {
  if (typeof DEV_MODE !== 'undefined' && !DEV_MODE) return;
  const key = `${code}:${message}`;
  if (issued.has(key)) return;
  issued.add(key);
  console.warn(`[samtycke] ${message} (warning "${code}", see README.md#warning-${code})`);
}
