/**
 * Builds the example apps in examples/ with Vite, in this one process (a
 * Vite build of each takes about a second or two here; SvelteKit's,
 * client and server, a few):
 *   node scripts/build-examples.mjs            all of them
 *   node scripts/build-examples.mjs react vue  the ones named
 * Needs `npm run build` first: the apps import the package's dist/.
 * SvelteKit's page shell is stamped by hand (`samtycke check --write`); a
 * stale stamp fails here, before a visitor's browser would have to validate.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { stampPage } from '../dist/collector/cli/check.js';

export const EXAMPLES = ['react', 'vue', 'svelte', 'sveltekit'];
const root = (name) => fileURLToPath(new URL(`../examples/${name}/`, import.meta.url));

/** Fails when the page shell's stamp is not the stamp of its config text. */
function checkStamp(file) {
  const html = readFileSync(file, 'utf8');
  const result = stampPage(html);
  if (!result.ok) throw new Error(`${file}: ${result.issues.map((issue) => `${issue.path || '(root)'}: ${issue.message}`).join('; ')}`);
  if (result.html !== html) throw new Error(`${file}: the data-stamp is not the stamp of the config text; run: npx samtycke check ${file} --write`);
}

/** Builds one example into its dist/ (SvelteKit: .svelte-kit/output). */
export async function buildExample(name) {
  if (name === 'sveltekit') checkStamp(`${root(name)}src/app.html`);
  const started = performance.now();
  // SvelteKit reads its config and page shell from the working folder.
  const cwd = process.cwd();
  process.chdir(root(name));
  try {
    await build({ ...(name === 'sveltekit' ? {} : { root: root(name) }), logLevel: 'warn' });
  } finally {
    process.chdir(cwd);
  }
  return performance.now() - started;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const named = process.argv.slice(2);
  for (const name of named.length ? named : EXAMPLES) {
    if (!EXAMPLES.includes(name)) throw new Error(`no example "${name}"; there are: ${EXAMPLES.join(', ')}`);
    const ms = await buildExample(name);
    console.log(`built examples/${name} in ${(ms / 1000).toFixed(1)} s`);
  }
}
