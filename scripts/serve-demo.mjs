/**
 * Serves the demo site on http://localhost:8080 (PORT to change it):
 * demo/ at the root, the built bundles under /dist/.
 */
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';

const root = resolve(new URL('..', import.meta.url).pathname);
const port = Number(process.env.PORT ?? 8080);
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.map': 'application/json', '.json': 'application/json', '.css': 'text/css', '.svg': 'image/svg+xml', '.gif': 'image/gif' };

/** Maps a URL path to a file inside demo/ or dist/, never outside them. */
function fileFor(pathname) {
  const path = normalize(decodeURIComponent(pathname));
  const [base, rest] = path.startsWith('/dist/') ? ['dist', path.slice(6)] : ['demo', path.slice(1)];
  const file = join(root, base, rest || 'index.html');
  return file.startsWith(join(root, base)) ? file : null;
}

const server = createServer(async (request, response) => {
  const url = new URL(request.url ?? '/', 'http://localhost');
  let file = fileFor(url.pathname);
  try {
    if (file && (await stat(file)).isDirectory()) file = join(file, 'index.html');
    if (!file) throw new Error('outside');
    const body = await readFile(file);
    response.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', 'Cache-Control': 'no-cache' });
    response.end(body);
  } catch {
    response.writeHead(404, { 'Content-Type': 'text/plain' });
    response.end('Not found');
  }
});

server.listen(port, () => console.log(`samtycke demo on http://localhost:${port}/`));
