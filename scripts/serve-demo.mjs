/**
 * The demo site: http://localhost:8080/ (PORT to change it).
 *
 * - demo/ at the root, the built bundles under /dist/;
 * - the proof collector on the same origin (/v1/proofs, /admin), on an embedded
 *   SQLite file in .data/ (or PostgreSQL with DATABASE_URL);
 * - fake third parties on analytics.localhost, pixel.localhost and video.localhost
 *   (browsers resolve *.localhost to this machine), which log every request
 *   they receive, so the page can show what really reached them.
 */
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { createCollector, migrateStore, openStore } from '../dist/collector/collector/index.js';

const root = resolve(new URL('..', import.meta.url).pathname);
const port = Number(process.env.PORT ?? 8080);
const adminToken = process.env.SAMTYCKE_ADMIN_TOKEN ?? 'demo';
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.map': 'application/json', '.json': 'application/json', '.css': 'text/css', '.svg': 'image/svg+xml', '.gif': 'image/gif' };
const PIXEL = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

// The demo brings its own database to the current schema; a real deployment runs `samtycke migrate`.
const storeOptions = { databaseUrl: process.env.DATABASE_URL, sqlitePath: join(root, '.data/demo-proofs.sqlite') };
await migrateStore(storeOptions);
const store = await openStore(storeOptions);
// Same origin as the shop, so it renews the decision cookie (default name, 182 days) for Safari.
const collector = createCollector({ store, adminToken, retentionIntervalMs: 0, decisionCookie: { name: 'samtycke', retentionDays: 182 } });

/** What reached the fake third parties, newest last. */
const thirdPartyHits = [];

/** A fake tracker: answers like the real thing would, and sets the cookies it would set. */
function thirdParty(hostWithPort, url, response) {
  const host = hostWithPort.split(':')[0];
  thirdPartyHits.push({ at: new Date().toISOString(), host, path: url.pathname, query: url.search });
  if (thirdPartyHits.length > 500) thirdPartyHits.shift();
  const headers = { 'Access-Control-Allow-Origin': '*', 'Cache-Control': 'no-store' };
  if (url.pathname.endsWith('.js')) {
    // The "analytics" script sets a first-party _ga cookie and sends a page view, like the real one.
    const body = host.startsWith('analytics.')
      ? `document.cookie = '_ga=GA1.1.' + Math.floor(Math.random() * 1e9) + '; Path=/; Max-Age=63072000; SameSite=Lax';
         (window.demoTrackers = window.demoTrackers || []).push('analytics');
         navigator.sendBeacon('//${hostWithPort}/collect?v=2&en=page_view');`
      : host.startsWith('pixel.')
        ? // Like a real pixel with "automatic advanced matching" switched on in the vendor's own tool:
          // it reads the e-mail field on submit, hashes it and sends it along.
          `document.cookie = '_fbp=fb.1.' + Date.now() + '; Path=/; Max-Age=7776000; SameSite=Lax';
           document.addEventListener('submit', async (event) => {
             const field = event.target.querySelector('input[type=email]');
             if (!field || !field.value) return;
             const bytes = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(field.value.trim().toLowerCase()));
             const em = Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, '0')).join('');
             new Image().src = '//${hostWithPort}/tr.gif?ev=Lead&em=' + em;
           }, true);`
        : `(window.demoTrackers = window.demoTrackers || []).push(${JSON.stringify(host)});`;
    response.writeHead(200, { ...headers, 'Content-Type': TYPES['.js'] });
    return response.end(body);
  }
  if (url.pathname.endsWith('.html')) {
    response.writeHead(200, { ...headers, 'Content-Type': TYPES['.html'] });
    return response.end('<!doctype html><html lang="en"><title>Video</title><body style="margin:0;display:grid;place-items:center;height:100vh;background:#111;color:#fff;font:16px system-ui"><p>▶ A coffee-roasting video would play here.</p></body></html>');
  }
  response.writeHead(200, { ...headers, 'Content-Type': 'image/gif' });
  return response.end(PIXEL);
}

/** Maps a URL path to a file inside demo/ or dist/, never outside them. */
function fileFor(pathname) {
  const path = normalize(decodeURIComponent(pathname));
  const [base, rest] = path.startsWith('/dist/') ? ['dist', path.slice(6)] : ['demo', path.slice(1)];
  const file = join(root, base, rest || 'index.html');
  return file.startsWith(join(root, base)) ? file : null;
}

/** Inserts the shared config, and points the fake third parties at the port in use. */
async function withConfig(html) {
  const config = await readFile(join(root, 'demo/samtycke-config.json'), 'utf8');
  return html
    .replace('<!--#samtycke-config-->', `<script type="application/json" id="samtycke-config">\n${config}</script>`)
    .replaceAll('.localhost:8080', `.localhost:${port}`);
}

async function serveFile(pathname, response) {
  let file = fileFor(pathname);
  try {
    if (file && (await stat(file)).isDirectory()) file = join(file, 'index.html');
    if (!file) throw new Error('outside');
    let body = await readFile(file);
    if (file.endsWith('.html')) body = await withConfig(body.toString('utf8'));
    response.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', 'Cache-Control': 'no-cache' });
    response.end(body);
  } catch {
    response.writeHead(404, { 'Content-Type': 'text/plain' });
    response.end('Not found');
  }
}

const server = createServer(async (request, response) => {
  const host = (request.headers.host ?? '').split(':')[0];
  const url = new URL(request.url ?? '/', 'http://localhost');
  if (host !== 'localhost' && host.endsWith('.localhost')) return thirdParty(request.headers.host ?? host, url, response);
  if (url.pathname.startsWith('/v1/') || url.pathname.startsWith('/admin')) return collector.handler(request, response);
  if (url.pathname === '/demo-api/hits') {
    response.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
    return response.end(JSON.stringify(thirdPartyHits));
  }
  if (url.pathname === '/demo-api/proofs') {
    // Demo only: the proof log of one consent id, without the admin token.
    const consentId = url.searchParams.get('consentId') ?? '';
    const rows = /^[0-9a-f-]{36}$/i.test(consentId) ? await store.findByConsentId(consentId, 50) : [];
    response.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
    return response.end(JSON.stringify(rows.map((row) => ({ chain: row.chain, position: row.position, chainHash: row.chainHash, receivedAt: row.receivedAt, ...JSON.parse(row.content) }))));
  }
  return serveFile(url.pathname, response);
});

server.listen(port, () => {
  console.log(`samtycke demo:        http://localhost:${port}/`);
  console.log(`proof collector:      http://localhost:${port}/v1/proofs (store: ${store.kind})`);
  console.log(`collector admin page: http://localhost:${port}/admin (password: ${adminToken})`);
});
