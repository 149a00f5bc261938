/**
 * Serves a built example with Vite's own preview server (SvelteKit's renders
 * on the server per request) on a free port, and plays the stand-in
 * tracker's host: every request to analytics.localhost on that port (the
 * browser resolves *.localhost to this machine) is recorded, so "nothing
 * reached the tracker" is observed, not assumed.
 */
import { fileURLToPath } from 'node:url';
import { preview } from 'vite';

const PIXEL = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

/** @param {string} name an example in examples/ */
export async function serveExample(name) {
  const root = fileURLToPath(new URL(`../../examples/${name}/`, import.meta.url));
  /** @type {{ path: string, event: string | null, at: number }[]} */
  const hits = [];
  /** Same-origin round trips that arrived: the positive control of a "nothing arrived" check. */
  const controls = new Set();
  const tracker = {
    name: 'stand-in-tracker-host',
    configurePreviewServer(server) {
      server.middlewares.use((request, response, next) => {
        const url = new URL(request.url ?? '/', 'http://x');
        if (/^analytics\.localhost(:\d+)?$/.test(request.headers.host ?? '')) {
          hits.push({ path: url.pathname, event: url.searchParams.get('event'), at: Date.now() });
          response.setHeader('Access-Control-Allow-Origin', '*');
          response.setHeader('Content-Type', 'image/gif');
          response.end(PIXEL);
          return;
        }
        if (url.pathname === '/__control') {
          controls.add(url.searchParams.get('id'));
          response.end('ok');
          return;
        }
        next();
      });
    },
  };
  const cwd = process.cwd();
  process.chdir(root); // SvelteKit reads its config from the working folder
  let server;
  try {
    server = await preview({ ...(name === 'sveltekit' ? {} : { root }), logLevel: 'silent', plugins: [tracker], preview: { port: 0, host: '127.0.0.1', strictPort: true } });
  } finally {
    process.chdir(cwd);
  }
  const { port } = server.httpServer.address();
  return {
    url: `http://localhost:${port}/`,
    hits,
    controls,
    close: () => server.close(),
  };
}
