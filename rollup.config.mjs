import { readFileSync } from 'node:fs';
import typescript from '@rollup/plugin-typescript';
import resolve from '@rollup/plugin-node-resolve';
import replace from '@rollup/plugin-replace';
import terser from '@rollup/plugin-terser';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));

/** zod's sources carry comments rollup cannot place and a harmless import cycle; say nothing of them. */
function onwarn(warning, warn) {
  if (warning.id?.includes('node_modules') || warning.ids?.every((id) => id.includes('node_modules'))) return;
  if (warning.code === 'CIRCULAR_DEPENDENCY' && warning.ids?.some((id) => id.includes('node_modules'))) return;
  warn(warning);
}

/** Compile-time constants: DEV_MODE keeps or strips the development warnings. */
const constants = (devMode) =>
  replace({
    preventAssignment: true,
    values: { SAMTYCKE_VERSION: JSON.stringify(version), ...(devMode === undefined ? {} : { DEV_MODE: String(devMode) }) },
  });

const ts = () => typescript({ tsconfig: './tsconfig.json', compilerOptions: { noEmit: false, declaration: false, sourceMap: true }, include: ['src/**/*.ts'], exclude: ['src/collector/**', 'src/cli/**'] });

const minify = () =>
  terser({ ecma: 2020, module: true, compress: { passes: 3, pure_getters: true }, format: { comments: false } });

/** The script-tag bundle: one synchronous IIFE for <head>, without Lit. */
const headBundle = (file, devMode) => ({
  input: 'src/head.ts',
  onwarn,
  output: { file, format: 'iife', sourcemap: true },
  plugins: [constants(devMode), resolve({ browser: true }), ts(), minify()],
});

/** The chunk the head script loads on demand: validator + UI, everything bundled. */
const uiChunk = (file, devMode) => ({
  input: 'src/ui/chunk.ts',
  onwarn,
  // Locales other than English are split into small chunks of their own, fetched only for that language.
  output: {
    dir: 'dist',
    entryFileNames: file.replace(/^dist\//, ''),
    chunkFileNames: devMode ? 'samtycke-ui-[name]-[hash].dev.js' : 'samtycke-ui-[name]-[hash].js',
    format: 'es',
    sourcemap: true,
  },
  plugins: [constants(devMode), resolve({ browser: true }), ts(), minify()],
});

/** The leak sentinel, loaded when a visitor first focuses a form field. */
const sentinelChunk = (file, devMode) => ({
  input: 'src/sentinel/index.ts',
  onwarn,
  output: { file, format: 'es', sourcemap: true },
  plugins: [constants(devMode), resolve({ browser: true }), ts(), minify()],
});

/** Gate extras (script activation, decision effects, placeholders): the head script fetches this on demand. */
const gatesChunk = (file) => ({
  input: 'src/gates/gate-extras.ts',
  onwarn,
  output: { file, format: 'es', sourcemap: true },
  plugins: [constants(false), ts(), minify()],
});

/** The floating settings button, drawn for a returning visitor without the UI chunk. */
const buttonChunk = () => ({
  input: 'src/ui/settings-button.ts',
  onwarn,
  output: { file: 'dist/samtycke-button.js', format: 'es', sourcemap: true },
  plugins: [constants(false), ts(), minify()],
});

export default [
  headBundle('dist/samtycke.js', false),
  buttonChunk(),
  sentinelChunk('dist/samtycke-sentinel.js', false),
  sentinelChunk('dist/samtycke-sentinel.dev.js', true),
  gatesChunk('dist/samtycke-gates.js'),
  uiChunk('dist/samtycke-ui.js', false),
  headBundle('dist/samtycke.dev.js', true),
  uiChunk('dist/samtycke-ui.dev.js', true),
  {
    // npm entries: ESM, dependencies stay external, warnings kept (define DEV_MODE=false in your bundler to drop them).
    input: { index: 'src/index.ts', ui: 'src/ui/define.ts', sentinel: 'src/sentinel/index.ts' },
    onwarn,
    output: { dir: 'dist/esm', format: 'es', sourcemap: true, entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' },
    external: (id) => /^(lit|zod|js-cookie)(\/|$)/.test(id) || id.startsWith('@lit/'),
    plugins: [constants(undefined), ts()],
  },
];
