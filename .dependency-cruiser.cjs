/**
 * The layering of src/ (docs/architecture.md), checked by `npm run check:imports`
 * as part of `npm test`. Data flows one way:
 *
 *   internal → config, proof → consent → storage → gates, ui, sentinel, frameworks → entries
 *
 * and each folder imports only from the folders before it. The collector, the
 * audit, the command line and the Vite plugin are server code: they share the
 * proof-record schema with the browser, and the audit, the command line and
 * the Vite plugin also read src/config's definitions and validator; none of
 * them imports code that needs a DOM.
 */
const BROWSER = '^src/(internal|config|proof|consent|storage|gates|ui|sentinel|frameworks|entries)/';
const SERVER = '^src/(collector|audit|cli|vite)/';

/** A folder may import only these folders (besides itself). */
const allowed = {
  internal: [],
  config: ['internal'],
  proof: ['internal'],
  consent: ['internal', 'config', 'proof'],
  storage: ['internal', 'config', 'proof', 'consent'],
  gates: ['internal', 'config', 'proof', 'consent', 'storage'],
  ui: ['internal', 'config', 'proof', 'consent', 'storage'],
  sentinel: ['internal', 'config', 'proof', 'consent', 'storage'],
  // React, Vue and Svelte bindings: they read the consent object's contract and nothing that gates or renders.
  frameworks: ['internal', 'config', 'proof', 'consent'],
  collector: ['proof'],
  // The audit drives a browser from Node: it may read config definitions, never the code that runs in the page.
  audit: ['config', 'proof'],
  // `samtycke check` validates configs with the browser's own schema (DOM-free modules only).
  cli: ['collector', 'audit', 'proof', 'config', 'internal'],
  // The Vite plugin validates and stamps the config at build time, as `samtycke check` does (src/cli/check.ts only).
  vite: ['cli', 'config'],
};

const FOLDERS = ['internal', 'config', 'proof', 'consent', 'storage', 'gates', 'ui', 'sentinel', 'frameworks', 'entries', 'collector', 'audit', 'cli', 'vite'];

const layering = Object.entries(allowed).map(([folder, below]) => ({
  name: `${folder}-imports-only-below`,
  comment: `src/${folder}/ may import only ${below.length ? below.map((name) => `src/${name}/`).join(', ') : 'nothing else of ours'} (docs/architecture.md)`,
  severity: 'error',
  from: { path: `^src/${folder}/` },
  to: { path: `^src/(${FOLDERS.filter((name) => name !== folder && !below.includes(name)).join('|')})/` },
}));

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'Import cycles fix the reading order and hide the data flow; type-only edges count too.',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true },
    },
    ...layering,
    {
      name: 'nothing-imports-entries',
      comment: 'src/entries/ only assembles: nothing below it imports it.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/entries/' },
      to: { path: '^src/entries/' },
    },
    {
      name: 'no-loose-modules',
      comment: 'Every module lives in the folder of its stage; the src/ root holds none.',
      severity: 'error',
      from: {},
      to: { path: '^src/[^/]+$' },
    },
    {
      name: 'no-loose-importers',
      comment: 'Every module lives in the folder of its stage; the src/ root holds none.',
      severity: 'error',
      from: { path: '^src/[^/]+$' },
      to: {},
    },
    {
      name: 'no-orphans',
      comment: 'A module nothing imports and that imports nothing is dead code, or loose at the root.',
      severity: 'error',
      from: { orphan: true, path: '^src/', pathNot: ['\\.d\\.ts$', '\\.json$', 'tsconfig'] },
      to: {},
    },
    {
      name: 'browser-code-has-no-node-builtins',
      comment: 'Browser bundles cannot carry node:* modules.',
      severity: 'error',
      from: { path: BROWSER },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'lit-only-in-ui',
      comment: 'Lit renders the layers; the head script and the gates never load it.',
      severity: 'error',
      from: { path: BROWSER, pathNot: '^src/(ui|entries)/' },
      to: { path: 'node_modules/(lit|lit-html|lit-element|@lit)/' },
    },
    {
      name: 'zod-only-in-schemas',
      comment: 'zod validates the config and the proof record; the rest of the browser code never loads it.',
      severity: 'error',
      from: { path: BROWSER, pathNot: '^src/(config|proof)/' },
      to: { path: 'node_modules/zod/' },
    },
    {
      name: 'audit-reads-only-pure-config',
      comment: 'The audit runs in Node: of src/config it may import only modules that import nothing that touches the DOM (locale.ts reads document).',
      severity: 'error',
      from: { path: '^src/audit/' },
      to: { path: '^src/config/(locale|plain-labels|schema|advice|validate-config)\\.ts$' },
    },
    {
      name: 'vite-uses-only-check-from-cli',
      comment: 'The Vite plugin shares the validation and the stamp of `samtycke check`, not the command line, the collector or the audit.',
      severity: 'error',
      from: { path: '^src/vite/' },
      to: { path: '^src/cli/', pathNot: '^src/cli/check\\.ts$' },
    },
    {
      name: 'framework-packages-only-in-frameworks',
      comment: 'React, Vue and Svelte are optional peers: only their own bindings in src/frameworks/ import them.',
      severity: 'error',
      from: { path: BROWSER, pathNot: '^src/frameworks/' },
      to: { path: 'node_modules/(react|react-dom|vue|@vue|svelte)/' },
    },
    {
      name: 'server-code-stays-out-of-the-browser',
      comment: 'The collector, the audit, the command line and the Vite plugin never enter a browser bundle.',
      severity: 'error',
      from: { path: BROWSER },
      to: { path: SERVER },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'], extensions: ['.ts', '.js', '.json'] },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
