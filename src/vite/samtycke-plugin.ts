/**
 * The `samtycke/vite` entry: a Vite plugin that makes an app's `index.html`
 * load samtycke the one safe way, with nothing to copy by hand. At build
 * time, in Node; it never enters a browser bundle.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Plugin, ResolvedConfig } from 'vite';
import type { ConfigInput } from '../config/schema.js';
import { DIST_DIR, SCRIPT_FILE, scriptFiles } from './dist-files.js';
import { injectHeadTags } from './head-tags.js';
import { readPageConfig, type PageConfig } from './page-config.js';

// For server-rendering frameworks that write their own <head> (docs/frameworks.md).
export { readPageConfig, type PageConfig } from './page-config.js';
export { injectHeadTags, type HeadTags } from './head-tags.js';

/**
 * Options of the `samtycke()` Vite plugin.
 * @example
 * samtycke({ config: './samtycke.config.json', base: '/consent/' })
 */
export interface SamtyckePluginOptions {
  /**
   * The site's config: a JSON file path (relative to Vite's `root`) or the config object. Leave it
   * out when the page template is not Vite's `index.html` (SvelteKit's `app.html`, an SSR shell):
   * the plugin then only serves and emits the script files, and the template carries the config
   * element, stamped with `samtycke check --write` (docs/frameworks.md).
   */
  config?: string | ConfigInput;
  /** The URL path of the head script and its chunks, under Vite's `base`. @default '/samtycke/' */
  base?: string;
  /**
   * Serve the development build of the head script (console warnings with codes) from `vite dev`.
   * A `vite build` never carries the warnings: it ships the production head script and defines
   * `DEV_MODE` as `false`, which drops them from what the app imports of samtycke too (unless the
   * app defines `DEV_MODE` itself). @default true
   */
  devWarnings?: boolean;
  /** The folder of the script-tag build. @default the installed package's `dist/` */
  distDir?: string;
}

const trimSlashes = (path: string): string => path.replace(/^\/+|\/+$/g, '');

/**
 * The samtycke Vite plugin. It validates the config when Vite starts (a
 * broken config fails the build with every problem `ConfigError` lists),
 * puts the stamped config element and the head script first in
 * `index.html`'s `<head>` (so the gates run before the app's first module: R01, R02),
 * serves the head script and its chunks under `base` in `vite dev`, and
 * writes them there into the build output. A config file is watched in dev:
 * an edit reloads the page.
 *
 * @throws {ConfigError} from Vite's start when the config is invalid (the build fails)
 * @example
 * // vite.config.ts
 * import { defineConfig } from 'vite';
 * import { samtycke } from 'samtycke/vite';
 * export default defineConfig({ plugins: [samtycke({ config: './samtycke.config.json' })] });
 */
export function samtycke(options: SamtyckePluginOptions = {}): Plugin {
  const distDir = options.distDir ?? DIST_DIR;
  const folder = trimSlashes(options.base ?? '/samtycke/');
  let vite: ResolvedConfig;
  const source = options.config;
  let pageConfig: Promise<PageConfig> | undefined;
  const load = (): Promise<PageConfig> | undefined => (pageConfig = source === undefined ? undefined : readPageConfig(source, vite.root));
  const dev = () => vite.command === 'serve' && (options.devWarnings ?? true);
  const publicPath = () => `${vite.base}${folder ? `${folder}/` : ''}`;

  return {
    name: 'samtycke',
    config(user, env) {
      if (env.command !== 'build' || user.define?.DEV_MODE !== undefined) return undefined;
      return { define: { DEV_MODE: 'false' } };
    },
    configResolved(resolved) {
      vite = resolved;
    },
    async buildStart() {
      try {
        const file = (await load())?.file;
        if (file) this.addWatchFile(file);
      } catch (error) {
        this.error(error as Error);
      }
      const head = (await pageConfig)?.head ?? 'samtycke.js';
      if (!(await scriptFiles(false, distDir)).includes(head)) this.error(`no ${head} in ${distDir}: the samtycke package is not built`);
    },
    configureServer(server) {
      const prefix = publicPath();
      server.middlewares.use((request, response, next) => {
        const path = (request.url ?? '').split('?')[0] ?? '';
        const name = path.startsWith(prefix) ? path.slice(prefix.length) : '';
        if (!SCRIPT_FILE.test(name)) return next();
        readFile(join(distDir, name)).then(
          (body) => {
            response.setHeader('Content-Type', name.endsWith('.map') ? 'application/json' : 'text/javascript; charset=utf-8');
            response.setHeader('Cache-Control', 'no-cache');
            response.end(body);
          },
          () => next(),
        );
      });
      // An edited config file: validate it again and reload the page with it.
      server.watcher.on('change', (changed) => {
        void pageConfig?.then(({ file }) => {
          if (file !== changed) return;
          load()?.then(
            () => server.ws.send({ type: 'full-reload' }),
            (error: Error) => server.config.logger.error(error.message),
          );
        }, () => undefined);
      });
    },
    transformIndexHtml: {
      // Last, so that whatever other plugins add to <head> comes after the head script.
      order: 'post',
      async handler(html) {
        const config = await (pageConfig ?? load());
        if (!config) return html;
        const { text, stamp, head } = config;
        // A build, the head script trimmed to the config; `vite dev`, the full one with its warnings.
        return injectHeadTags(html, { configText: text, stamp, src: `${publicPath()}${dev() ? 'samtycke.dev.js' : head}` });
      },
    },
    async generateBundle() {
      // Once, into what the browser gets: not into a server-side build of the same app.
      if (vite.build.ssr || this.environment?.config.consumer === 'server') return;
      for (const name of await scriptFiles(false, distDir)) {
        this.emitFile({ type: 'asset', fileName: `${folder ? `${folder}/` : ''}${name}`, source: await readFile(join(distDir, name)) });
      }
    },
  };
}
