import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { samtycke } from 'samtycke/vite';

// The plugin puts the stamped config and the head script (the build that fits the config) first in index.html's <head>, and ships the head script's chunks.
export default defineConfig({
  plugins: [samtycke({ config: '../shared/samtycke.config.json' }), svelte()],
});
