// A small shop page for browser-to-collector tests: the script-tag build, real collectors behind
// the same origin (/v1, /admin), and two vendors on *.test hosts (mapped to loopback) whose scripts
// read the newsletter e-mail on submit and send it: pixel.test as SHA-256 in an image URL (Meta's
// "advanced matching"), ads.test as base64 in a fetch body. With several stores, every request the
// browser sends to /v1/ reaches a collector on each (one browser run fills SQLite and PostgreSQL
// alike); the browser gets the first one's answer.
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { createCollector } from '../../../dist/collector/collector/collector.js';
import { stampPage } from '../../../dist/collector/cli/check.js';

const DIST = fileURLToPath(new URL('../../../dist/', import.meta.url));

const config = (mode) => ({
  revision: '2026-11-01',
  policyUrl: '/privacy',
  controller: 'Testbutiken AB',
  collector: { endpoint: '/v1/proofs' },
  sentinel: { mode },
  categories: [
    {
      id: 'marketing',
      services: [
        { id: 'meta-pixel', name: 'Meta Pixel', provider: 'Meta Platforms Ireland Ltd', purpose: 'Ads.', dataSent: 'Page views.', hosts: ['pixel.test'], cookies: [] },
        { id: 'ad-net', name: 'Ad network', provider: 'Ads Ltd', purpose: 'Ads.', dataSent: 'Page views.', hosts: ['ads.test'], cookies: [] },
      ],
    },
  ],
});

const VENDORS = {
  'pixel.test': (port) => `document.addEventListener('submit', async (event) => {
    const value = event.target.querySelector('input[type=email]').value.trim().toLowerCase();
    const bytes = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(value));
    const em = Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, '0')).join('');
    new Image().src = 'http://pixel.test:${port}/tr.gif?ev=Lead&em=' + em;
  }, true);`,
  'ads.test': (port) => `document.addEventListener('submit', (event) => {
    const value = event.target.querySelector('input[type=email]').value.trim();
    fetch('http://ads.test:${port}/collect', { method: 'POST', mode: 'no-cors', body: JSON.stringify({ user: btoa(value) }) }).catch(() => {});
  }, true);`,
};

/** Sends the browser's request on to each collector and answers with the first one's answer. */
async function forward(req, res, bases) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  const init = { method: req.method, headers: { 'content-type': req.headers['content-type'] ?? 'text/plain' }, body: req.method === 'POST' ? Buffer.concat(chunks) : undefined };
  const answers = await Promise.all(bases.map((base) => fetch(base + req.url, init).then(async (response) => ({ status: response.status, type: response.headers.get('content-type'), body: Buffer.from(await response.arrayBuffer()) }))));
  const [first] = answers;
  res.writeHead(first.status, { 'content-type': first.type ?? 'application/json' }).end(first.body);
}

/**
 * Starts the site on a free port with a collector on each of `stores`. `hits` lists what reached the vendors.
 * @returns {Promise<{ base: string, port: number, hits: Array<{host: string, url: string}>, collectors: string[], close(): Promise<void> }>}
 */
export async function startLeakySite(stores, { mode = 'report', token = 'site-admin' } = {}) {
  const collectors = stores.map((store) => createCollector({ store, adminToken: token, rateLimit: false, retentionIntervalMs: 0, log: () => {} }));
  const bases = await Promise.all(collectors.map(async (collector) => `http://127.0.0.1:${await collector.start(0)}`));
  const hits = [];
  let port = 0;
  const server = createServer(async (req, res) => {
    const host = (req.headers.host ?? '').split(':')[0];
    const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
    if (VENDORS[host]) {
      hits.push({ host, url: url.href });
      req.resume();
      if (url.pathname.endsWith('.js')) return res.writeHead(200, { 'content-type': 'text/javascript', 'cache-control': 'no-store' }).end(VENDORS[host](port));
      return res.writeHead(200, { 'content-type': 'image/gif', 'access-control-allow-origin': '*' }).end();
    }
    if (url.pathname.startsWith('/v1/')) return forward(req, res, bases);
    if (url.pathname.startsWith('/dist/')) {
      try {
        const file = await readFile(`${DIST}${url.pathname.slice('/dist/'.length).replace(/[^\w.-]/g, '')}`);
        return res.writeHead(200, { 'content-type': 'text/javascript' }).end(file);
      } catch {
        return res.writeHead(404).end();
      }
    }
    const page = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Shop</title>
<script type="application/json" id="samtycke-config">${JSON.stringify(config(mode))}</script>
<script src="/dist/samtycke.js"></script>
<script type="text/plain" data-category="marketing" data-src="http://pixel.test:${port}/pixel.js"></script>
<script type="text/plain" data-category="marketing" data-src="http://ads.test:${port}/ads.js"></script>
</head><body><main><h1>Newsletter</h1><form id="newsletter"><label for="email">E-mail</label><input id="email" name="email" type="email"><button>Subscribe</button></form>
<script>document.getElementById('newsletter').addEventListener('submit', (event) => event.preventDefault());</script></main></body></html>`;
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(stampPage(page).html);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = server.address().port;
  return {
    base: `http://localhost:${port}`,
    port,
    hits,
    collectors: bases,
    async close() {
      await new Promise((resolve) => server.close(resolve));
      await Promise.all(collectors.map((collector) => collector.close()));
    },
  };
}
