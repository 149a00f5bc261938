// Serves the audit's fixture pages on localhost and fake third parties on *.localhost
// (Chromium resolves every *.localhost to loopback), on one random port.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const fixtures = join(root, 'test/audit/fixtures');
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css', '.json': 'application/json' };
const PIXEL = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

/** What the fake third parties answer: scripts that behave like the real ones. */
function thirdParty(host, port, url) {
  if (host === 'analytics.localhost' && url.pathname === '/a.js') {
    return `document.cookie = '_ga=GA1.1.' + Math.floor(Math.random() * 1e9) + '; Path=/; Max-Age=31536000; SameSite=Lax';
      navigator.sendBeacon('http://analytics.localhost:${port}/collect?en=page_view');`;
  }
  if (host === 'pixel.localhost' && url.pathname === '/p.js') {
    const leak = url.searchParams.has('leak')
      ? `document.addEventListener('submit', async (event) => {
           const field = event.target.querySelector('input[type=email]');
           if (!field || !field.value) return;
           const bytes = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(field.value.trim().toLowerCase()));
           const em = Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, '0')).join('');
           new Image().src = 'http://pixel.localhost:${port}/tr.gif?ev=Lead&em=' + em;
         }, true);`
      : '';
    return `document.cookie = '_fbp=fb.1.' + Date.now() + '; Path=/; Max-Age=7776000; SameSite=Lax';
      new Image().src = 'http://pixel.localhost:${port}/tr.gif?ev=PageView';
      ${leak}`;
  }
  return null;
}

/**
 * Starts the fixture server; resolves with its base URL, the hits the fake
 * third parties received, and `close()`.
 */
export async function startFixtureServer() {
  const hits = [];
  let port = 0;
  const server = createServer(async (request, response) => {
    const host = (request.headers.host ?? '').split(':')[0];
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (host !== 'localhost') {
      hits.push({ host, path: url.pathname, query: url.search });
      const script = thirdParty(host, port, url);
      if (script !== null) {
        response.writeHead(200, { 'Content-Type': TYPES['.js'], 'Access-Control-Allow-Origin': '*' });
        return response.end(script);
      }
      response.writeHead(200, { 'Content-Type': 'image/gif', 'Access-Control-Allow-Origin': '*' });
      return response.end(PIXEL);
    }
    const path = normalize(decodeURIComponent(url.pathname));
    const file = path.startsWith('/node_modules/vanilla-cookieconsent/dist/') ? join(root, path) : join(fixtures, path === '/' ? 'compliant.html' : path);
    if (!file.startsWith(fixtures) && !file.startsWith(join(root, 'node_modules/vanilla-cookieconsent/dist/'))) {
      response.writeHead(404);
      return response.end();
    }
    try {
      let body = await readFile(file, 'utf8');
      if (file.endsWith('.html')) {
        const config = await readFile(join(fixtures, 'fixture-config.json'), 'utf8');
        body = body.replace('<!--#config-->', `<script type="application/json" id="samtycke-config">${config}</script>`).replaceAll('{{PORT}}', String(port));
      }
      response.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', 'Cache-Control': 'no-store' });
      response.end(body);
    } catch {
      response.writeHead(404, { 'Content-Type': 'text/plain' });
      response.end('Not found');
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = server.address().port;
  return {
    base: `http://localhost:${port}`,
    hits,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}
