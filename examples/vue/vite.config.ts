import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';
import { samtycke } from 'samtycke/vite';

// The plugin puts the stamped config and the head script (the build that fits the config) first in index.html's <head>, and ships the head script's chunks.
export default defineConfig({
  plugins: [samtycke({ config: '../shared/samtycke.config.json' }), vue()],
});
