/**
 * The script-tag build the plugin serves and emits: the head script and the
 * chunks it loads from next to itself (validator, UI and each locale, gates,
 * proof sender, sentinel), from the package's `dist/`.
 */
import { readdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

/**
 * The package's `dist/` (this module is compiled to `dist/collector/vite/`).
 * @example readFile(join(DIST_DIR, 'samtycke.js'))
 */
export const DIST_DIR = fileURLToPath(new URL('../../', import.meta.url));

/**
 * A file of the script-tag build: `samtycke.js`, `samtycke-ui.js`, `samtycke-ui-sv-1a2b.dev.js` … and
 * their source maps. Nothing else in `dist/` is served.
 * @example SCRIPT_FILE.test('samtycke-gates.js') // true; SCRIPT_FILE.test('esm/index.js') // false
 */
export const SCRIPT_FILE = /^samtycke(?:-[\w-]+)?(?:\.dev)?\.js(?:\.map)?$/;

/**
 * The files of one build of the head script and its chunks.
 * @param dev the development build (`.dev.js` where there is one: warnings kept) or the production one
 * @param dir the folder to list (the package's `dist/`)
 * @returns file names, sorted; none when the package was not built
 * @example await scriptFiles(false) // ['samtycke-gates.js', …, 'samtycke.js']
 */
export async function scriptFiles(dev: boolean, dir = DIST_DIR): Promise<string[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const all = names.filter((name) => SCRIPT_FILE.test(name));
  const isDev = (name: string) => /\.dev\.js(?:\.map)?$/.test(name);
  if (!dev) return all.filter((name) => !isDev(name)).sort();
  // The development head loads `.dev.js` chunks where they exist, and the production ones of the rest.
  return all.filter((name) => isDev(name) || !all.includes(name.replace(/\.js(\.map)?$/, '.dev.js$1'))).sort();
}
