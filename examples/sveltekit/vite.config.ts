import { defineConfig } from 'vite';
import { sveltekit } from '@sveltejs/kit/vite';
import { samtycke } from 'samtycke/vite';

// SvelteKit renders its own page shell (src/app.html), which carries the config element and the head
// script by hand; the plugin serves the head script and its chunks under /samtycke/ and ships them.
export default defineConfig({
  plugins: [samtycke(), sveltekit()],
  // SvelteKit's own compile step dominates a build this small; rolldown need not report it each time.
  build: { rolldownOptions: { checks: { pluginTimings: false } } },
});
