import { readFileSync } from 'node:fs';
import typescript from '@rollup/plugin-typescript';
import resolve from '@rollup/plugin-node-resolve';
import replace from '@rollup/plugin-replace';
import terser from '@rollup/plugin-terser';
import json from '@rollup/plugin-json';
import { transformSync } from 'esbuild';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
/** The file names of the script-tag build, shared with the head script's loader and the size check. */
const CHUNKS = JSON.parse(readFileSync(new URL('./src/entries/chunk-files.json', import.meta.url), 'utf8'));
const dev = (file) => file.replace(/\.js$/, '.dev.js');

/** zod's sources carry comments rollup cannot place and a harmless import cycle; say nothing of them. */
function onwarn(warning, warn) {
  if (warning.id?.includes('node_modules') || warning.ids?.every((id) => id.includes('node_modules'))) return;
  if (warning.code === 'CIRCULAR_DEPENDENCY' && warning.ids?.some((id) => id.includes('node_modules'))) return;
  warn(warning);
}

/**
 * Compile-time constants: DEV_MODE keeps or strips the development warnings; HEAD_SETTINGS_BUTTON and
 * HEAD_PROOF keep or strip those parts of a head script build (src/entries/head-features.ts).
 */
const constants = (devMode, head) =>
  replace({
    preventAssignment: true,
    values: {
      SAMTYCKE_VERSION: JSON.stringify(version),
      ...(devMode === undefined ? {} : { DEV_MODE: String(devMode) }),
      ...(head ? { HEAD_SETTINGS_BUTTON: String(head.settingsButton), HEAD_PROOF: String(head.proof) } : {}),
    },
  });

/**
 * Each shipped language's UI strings leave the build as a bare list of values, in the sorted order of their
 * keys: the ~45 key names are about a sixth of a locale chunk (180 bytes brotli), and every chunk must stay
 * under 1.1 KB. `src/ui/strings.ts` (`table`) zips them with the sorted keys of English again. The sources keep
 * their keys (and the tests run the sources); a chunk name carries the hash of its content, so a list never
 * meets the key order of another build.
 */
const STRING_TABLE = /[\\/]src[\\/]ui[\\/]strings[\\/](?!en\.|types\.)[a-z]{2,3}\.ts$/;
function stringTables() {
  return {
    name: 'samtycke-string-tables',
    transform(code, id) {
      if (!STRING_TABLE.test(id)) return null;
      const match = /^export const (\w+) = (\{[\s\S]*\});/m.exec(code);
      if (!match) this.error(`${id}: expected \`export const <locale> = { … };\``);
      // Our own source of string literals only, already compiled from TypeScript.
      const strings = Function(`return ${match[2]}`)();
      const values = Object.keys(strings).sort().map((key) => strings[key]);
      return { code: `export const ${match[1]} = ${JSON.stringify(values)};\n`, map: { mappings: '' } };
    },
  };
}

// Minifies each template string of the sources marked with a `/* css */` comment (the layers' style sheets)
// with esbuild's CSS minifier: a tenth of the banner chunk's bytes were indentation. The minified text is
// followed by as many line breaks as the string had, so every later line keeps its place in the source map.
// A marked string must be plain text (no substitutions, no escapes): the build stops otherwise.
const CSS_STRING = /\/\* css \*\/\s*`([^`]*)`/g;
function cssStrings() {
  return {
    name: 'samtycke-css-strings',
    transform(code, id) {
      if (!code.includes('/* css */')) return null;
      const minified = code.replace(CSS_STRING, (whole, css) => {
        if (css.includes('${') || css.includes('\\')) this.error(`${id}: a /* css */ string must be plain text`);
        const { code: out } = transformSync(css, { loader: 'css', minify: true });
        return JSON.stringify(out.trim()) + '\n'.repeat(whole.split('\n').length - 1);
      });
      return { code: minified, map: null };
    },
  };
}

const ts = () => typescript({ tsconfig: './tsconfig.json', compilerOptions: { noEmit: false, declaration: false, sourceMap: true }, include: ['src/**/*.ts'], exclude: ['src/collector/**', 'src/cli/**', 'src/audit/**', 'src/vite/**'] });
const browserPlugins = (devMode, extra = [], head = undefined, runsOnLoad = false) => [
  constants(devMode, head),
  json({ preferConst: true }),
  ...extra,
  ts(),
  cssStrings(),
  stringTables(),
  minify(runsOnLoad),
];

/**
 * Chromium's per-file compile hint (https://github.com/WICG/explicit-javascript-compile-hints-file-based):
 * with it, the functions of a script are compiled on the thread that streams it in, instead of one by one on
 * the main thread the first time each runs. Only for the bundles that run as soon as they arrive (the head
 * script, the layers); other engines read it as a comment. terser's preamble keeps the source map in line.
 */
export const COMPILE_HINT = '//# allFunctionsCalledOnLoad';

const minify = (runsOnLoad) =>
  terser({ ecma: 2020, module: true, compress: { passes: 3, pure_getters: true }, format: { comments: false, ...(runsOnLoad ? { preamble: COMPILE_HINT } : {}) } });

const FULL_HEAD = { settingsButton: true, proof: true };
/** A trimmed head script's file name; the same rule as `headScriptFile` in src/config/head-build.ts. */
const headFile = (head) => CHUNKS.head.replace(/\.js$/, `${head.settingsButton ? '' : '-no-button'}${head.proof ? '' : '-no-proof'}.js`);

/**
 * The script-tag bundle: one synchronous IIFE for <head>, without Lit. Besides the full build, three
 * production builds leave out the settings button, the proof queue or both, for configs that use neither
 * (the Vite plugin picks one; src/config/head-build.ts).
 */
const headBundle = (devMode, head = FULL_HEAD) => ({
  input: 'src/entries/head.ts',
  onwarn,
  output: { file: `dist/${devMode ? dev(CHUNKS.head) : headFile(head)}`, format: 'iife', sourcemap: true },
  plugins: browserPlugins(devMode, [resolve({ browser: true })], head, true),
});

/** The layers, loaded when one is asked for: Lit and the banner; the preferences and each locale split off. */
const uiChunk = (devMode) => ({
  input: 'src/entries/ui-chunk.ts',
  onwarn,
  // Locales other than English are split into small chunks of their own, fetched only for that language.
  output: {
    dir: 'dist',
    entryFileNames: devMode ? dev(CHUNKS.ui) : CHUNKS.ui,
    chunkFileNames: devMode ? 'samtycke-ui-[name]-[hash].dev.js' : 'samtycke-ui-[name]-[hash].js',
    format: 'es',
    sourcemap: true,
  },
  plugins: browserPlugins(devMode, [resolve({ browser: true })], undefined, true),
});

/** The leak sentinel, loaded when a visitor first focuses a form field. */
const sentinelChunk = (devMode) => ({
  input: 'src/entries/sentinel-chunk.ts',
  onwarn,
  output: { file: `dist/${devMode ? dev(CHUNKS.sentinel) : CHUNKS.sentinel}`, format: 'es', sourcemap: true },
  plugins: browserPlugins(devMode, [resolve({ browser: true })]),
});

/**
 * Gate extras (script activation, decision effects, placeholders): the head script fetches this on demand.
 * The placeholder texts of each language but English are a chunk of their own, `samtycke-gates-<locale>.js`
 * (no hash, like the gates chunk itself: the 25 import paths then compress to almost nothing).
 */
const gatesChunk = () => ({
  input: 'src/entries/gates-chunk.ts',
  onwarn,
  output: { dir: 'dist', entryFileNames: CHUNKS.gates, chunkFileNames: 'samtycke-gates-[name].js', format: 'es', sourcemap: true },
  plugins: browserPlugins(false, [resolve({ browser: true })]),
});

/** The config validator (zod), for a config text the head script cannot trust yet. */
const validateChunk = (devMode) => ({
  input: 'src/entries/validate-chunk.ts',
  onwarn,
  output: { file: `dist/${devMode ? dev(CHUNKS.validate) : CHUNKS.validate}`, format: 'es', sourcemap: true },
  plugins: browserPlugins(devMode, [resolve({ browser: true })]),
});

/** The proof sender, loaded after a decision or when records wait. */
const proofChunk = () => ({
  input: 'src/entries/proof-chunk.ts',
  onwarn,
  // SHA-256 for a page without Web Crypto (plain http) is a chunk of its own, fetched only there.
  output: { dir: 'dist', entryFileNames: CHUNKS.proof, chunkFileNames: 'samtycke-proof-[name].js', format: 'es', sourcemap: true },
  plugins: browserPlugins(false, [resolve({ browser: true })]),
});

export default [
  headBundle(false),
  validateChunk(false),
  validateChunk(true),
  proofChunk(),
  sentinelChunk(false),
  sentinelChunk(true),
  gatesChunk(),
  uiChunk(false),
  headBundle(false, { settingsButton: false, proof: true }),
  headBundle(false, { settingsButton: true, proof: false }),
  headBundle(false, { settingsButton: false, proof: false }),
  headBundle(true),
  uiChunk(true),
  {
    // npm entries: ESM, dependencies stay external, warnings kept (define DEV_MODE=false in your bundler to drop them).
    // React, Vue and Svelte bindings are entries of their own, so an app loads only its framework's, and the framework stays the app's.
    input: { index: 'src/entries/index.ts', ui: 'src/entries/ui.ts', sentinel: 'src/entries/sentinel.ts', react: 'src/entries/react.ts', vue: 'src/entries/vue.ts', svelte: 'src/entries/svelte.ts' },
    onwarn,
    output: { dir: 'dist/esm', format: 'es', sourcemap: true, entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' },
    external: (id) => /^(lit|zod|js-cookie|@noble\/hashes|react|react-dom|vue|svelte)(\/|$)/.test(id) || id.startsWith('@lit/'),
    plugins: [constants(undefined), json({ preferConst: true }), ts(), cssStrings(), stringTables()],
  },
];
