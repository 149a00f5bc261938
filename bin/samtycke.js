#!/usr/bin/env node
// The `samtycke` command. The collector is TypeScript compiled to dist/collector/
// (npm run test:server or `tsc -p src/collector/tsconfig.json`).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = new URL('../dist/collector/cli/main.js', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  process.stderr.write('samtycke: the collector is not built; run `npx tsc -p src/collector/tsconfig.json` first\n');
  process.exit(2);
}
const { main } = await import(entry.href);
process.exitCode = await main(process.argv.slice(2));
