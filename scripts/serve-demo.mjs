/**
 * The demo site: http://localhost:8080/ (PORT to change it).
 *
 * - demo/ at the root, the built bundles under /dist/;
 * - the proof collector on the same origin (/v1/proofs, /v1/leaks, /admin), on an embedded
 *   SQLite file in .data/ (or PostgreSQL with DATABASE_URL);
 * - fake third parties on analytics.localhost, pixel.localhost and video.localhost
 *   (browsers resolve *.localhost to this machine), which log every request
 *   they receive, so the page can show what really reached them.
 *
 * Each browser sees only its own third-party log: the first page it loads sets
 * a first-party `demo_browser` cookie (declared as necessary in the demo's
 * config), and every fake tracker URL in the pages it gets carries that id as
 * `b=…`, as do the requests the fake trackers' scripts make. A fresh visitor
 * who refuses therefore sees no hits, whatever earlier visitors accepted.
 *
 * PORT=0 picks a free port; SAMTYCKE_DEMO_DB sets the SQLite file.
 */
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { createCollector, migrateStore, openStore } from '../dist/collector/collector/index.js';
import { stampPage } from '../dist/collector/cli/check.js';

const root = resolve(new URL('..', import.meta.url).pathname);
let port = Number(process.env.PORT ?? 8080);
const adminToken = process.env.SAMTYCKE_ADMIN_TOKEN ?? 'demo';
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.map': 'application/json', '.json': 'application/json', '.css': 'text/css', '.svg': 'image/svg+xml', '.gif': 'image/gif' };
const PIXEL = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

// The demo brings its own database to the current schema; a real deployment runs `samtycke migrate`.
const storeOptions = { databaseUrl: process.env.DATABASE_URL, sqlitePath: process.env.SAMTYCKE_DEMO_DB ?? join(root, '.data/demo-proofs.sqlite') };
await migrateStore(storeOptions);
const store = await openStore(storeOptions);
// Same origin as the shop, so it renews the decision cookie (default name, 182 days) for Safari.
// The pixel's leak reports become incidents in the register at /admin/incidents (named in exports).
const collector = createCollector({
  store,
  adminToken,
  retentionIntervalMs: 0,
  decisionCookie: { name: 'samtycke', retentionDays: 182 },
  incidents: { controller: 'Kafferosteriet AB', contact: 'dataskydd@kafferosteriet.example' },
});

/** What reached the fake third parties, per browser id, newest last. */
const hitsByBrowser = new Map();
const BROWSER_ID = /^[0-9a-f-]{36}$/;

function logHit(browser, hit) {
  if (!BROWSER_ID.test(browser)) return; // not from a demo page: nobody's panel shows it
  const hits = hitsByBrowser.get(browser) ?? [];
  hits.push(hit);
  if (hits.length > 100) hits.shift();
  hitsByBrowser.delete(browser); // re-inserted last: the map forgets the browsers least recently seen
  hitsByBrowser.set(browser, hits);
  if (hitsByBrowser.size > 500) hitsByBrowser.delete(hitsByBrowser.keys().next().value);
}

/** The id in the `demo_browser` cookie, if the request carries one. */
function browserOf(request) {
  const id = /(?:^|;\s*)demo_browser=([^;]+)/.exec(request.headers.cookie ?? '')?.[1] ?? '';
  return BROWSER_ID.test(id) ? id : null;
}

/** A fake tracker: answers like the real thing would, and sets the cookies it would set. */
function thirdParty(hostWithPort, url, response) {
  const host = hostWithPort.split(':')[0];
  const browser = url.searchParams.get('b') ?? '';
  url.searchParams.delete('b');
  logHit(browser, { at: new Date().toISOString(), host, path: url.pathname, query: url.search });
  // The scripts' own requests carry the browser id on, as real trackers carry their client id.
  const tag = `b=${encodeURIComponent(browser)}`;
  const headers = { 'Access-Control-Allow-Origin': '*', 'Cache-Control': 'no-store' };
  if (url.pathname.endsWith('.js')) {
    // The "analytics" script sets a first-party _ga cookie and sends a page view, like the real one.
    const body = host.startsWith('analytics.')
      ? `document.cookie = '_ga=GA1.1.' + Math.floor(Math.random() * 1e9) + '; Path=/; Max-Age=63072000; SameSite=Lax';
         (window.demoTrackers = window.demoTrackers || []).push('analytics');
         navigator.sendBeacon('//${hostWithPort}/collect?v=2&en=page_view&${tag}');`
      : host.startsWith('pixel.')
        ? // Like a real pixel with "automatic advanced matching" switched on in the vendor's own tool:
          // it reads the e-mail field on submit, hashes it and sends it along.
          `document.cookie = '_fbp=fb.1.' + Date.now() + '; Path=/; Max-Age=7776000; SameSite=Lax';
           document.addEventListener('submit', async (event) => {
             const field = event.target.querySelector('input[type=email]');
             if (!field || !field.value) return;
             const bytes = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(field.value.trim().toLowerCase()));
             const em = Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, '0')).join('');
             new Image().src = '//${hostWithPort}/tr.gif?ev=Lead&${tag}&em=' + em;
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

/**

 * Inserts the shared config, points the fake third parties at the port in use, tags their URLs
 * with the browser's id, and stamps the config as `samtycke check --write` does at a site's build:
 * the head script then trusts it without loading the validator.
 */
async function withConfig(html, browser) {
  const config = await readFile(join(root, 'demo/samtycke-config.json'), 'utf8');
  const page = html
    .replace('<!--#samtycke-config-->', `<script type="application/json" id="samtycke-config">\n${config}</script>`)
    .replace(/http:\/\/([a-z0-9-]+)\.localhost:8080(\/[^"'\s<>]*)?/g, (_, name, path = '/') => `http://${name}.localhost:${port}${path}${path.includes('?') ? '&' : '?'}b=${browser}`);
  return page.includes('id="samtycke-config"') ? stampPage(page).html : page;
}

async function serveFile(pathname, request, response) {
  let file = fileFor(pathname);
  try {
    if (file && (await stat(file)).isDirectory()) file = join(file, 'index.html');
    if (!file) throw new Error('outside');
    let body = await readFile(file);
    const headers = { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', 'Cache-Control': 'no-cache' };
    if (file.endsWith('.html')) {
      let browser = browserOf(request);
      if (!browser) {
        browser = randomUUID();
        headers['Set-Cookie'] = `demo_browser=${browser}; Path=/; HttpOnly; SameSite=Lax`;
      }
      body = await withConfig(body.toString('utf8'), browser);
    }
    response.writeHead(200, headers);
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
    const browser = browserOf(request);
    return response.end(JSON.stringify((browser && hitsByBrowser.get(browser)) || []));
  }
  if (url.pathname === '/demo-api/proofs') {
    // Demo only: the proof log of one consent id, without the admin token.
    const consentId = url.searchParams.get('consentId') ?? '';
    const rows = /^[0-9a-f-]{36}$/i.test(consentId) ? await store.findByConsentId(consentId, 50) : [];
    response.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
    return response.end(JSON.stringify(rows.map((row) => ({ chain: row.chain, position: row.position, chainHash: row.chainHash, receivedAt: row.receivedAt, ...JSON.parse(row.content) }))));
  }
  return serveFile(url.pathname, request, response);
});

server.listen(port, () => {
  port = server.address().port;
  console.log(`samtycke demo:        http://localhost:${port}/`);
  console.log(`proof collector:      http://localhost:${port}/v1/proofs (store: ${store.kind})`);
  console.log(`collector admin page: http://localhost:${port}/admin (password: ${adminToken})`);
  console.log(`incident register:    http://localhost:${port}/admin/incidents`);
});
