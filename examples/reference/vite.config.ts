import { defineConfig } from 'vite';
import { samtycke } from 'samtycke/vite';

// The smallest app that uses samtycke the documented way: `npm run size` measures what it loads before any click.
export default defineConfig({
  plugins: [samtycke({ config: '../shared/samtycke.config.json' })],
});
