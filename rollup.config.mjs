import { readFileSync } from 'node:fs';
import typescript from '@rollup/plugin-typescript';
import resolve from '@rollup/plugin-node-resolve';
import replace from '@rollup/plugin-replace';
import terser from '@rollup/plugin-terser';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));

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
  output: { file, format: 'iife', sourcemap: true },
  plugins: [constants(devMode), resolve({ browser: true }), ts(), minify()],
});

/** The chunk the head script loads on demand: validator + UI, everything bundled. */
const uiChunk = (file, devMode) => ({
  input: 'src/ui/chunk.ts',
  output: { file, format: 'es', sourcemap: true },
  plugins: [constants(devMode), resolve({ browser: true }), ts(), minify()],
});

/** Gate extras (script activation, decision effects, placeholders): the head script fetches this on demand. */
const gatesChunk = (file) => ({
  input: 'src/gates/gate-extras.ts',
  output: { file, format: 'es', sourcemap: true },
  plugins: [constants(false), ts(), minify()],
});

export default [
  headBundle('dist/samtycke.js', false),
  gatesChunk('dist/samtycke-gates.js'),
  uiChunk('dist/samtycke-ui.js', false),
  headBundle('dist/samtycke.dev.js', true),
  uiChunk('dist/samtycke-ui.dev.js', true),
  {
    // npm entries: ESM, dependencies stay external, warnings kept (define DEV_MODE=false in your bundler to drop them).
    input: { index: 'src/index.ts', ui: 'src/ui/define.ts' },
    output: { dir: 'dist/esm', format: 'es', sourcemap: true, entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' },
    external: (id) => /^(lit|zod|js-cookie)(\/|$)/.test(id) || id.startsWith('@lit/'),
    plugins: [constants(undefined), ts()],
  },
];
