/**
 * What the gates cost a page that builds a lot of DOM after load.
 *
 * A local page inserts 5,000 elements one by one once it has loaded (images with
 * `src` set through the property, links, paragraphs, list items), then reads
 * layout. The time from the first insertion to the end of that layout read
 * includes the MutationObserver callbacks, which run before it. The page is
 * measured without samtycke and with it (a returning visitor who refused
 * everything, so every gate is on), alternating, in headless Chromium.
 *
 *   node bench/observer.mjs                 15 runs per variant, fails above 1.15×
 *   node bench/observer.mjs --runs 25
 *
 * Needs `npm run build` first (it serves dist/samtycke.js).
 */
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import puppeteer from 'puppeteer-core';

const BUDGET = 1.15;
const ELEMENTS = 5000;
const runsArg = process.argv.indexOf('--runs');
const RUNS = Math.max(7, runsArg > 0 ? Number(process.argv[runsArg + 1]) : 15);
const root = resolve(new URL('..', import.meta.url).pathname);
const executablePath = process.env.CHROME_PATH ?? '/usr/bin/chromium';

const CONFIG = JSON.stringify({
  revision: 'bench',
  policyUrl: '/privacy',
  categories: [
    { id: 'necessary', necessary: true, justification: 'Keeps the consent choice.' },
    { id: 'analytics', services: [{ id: 'ga4', name: 'Google Analytics', hosts: ['www.googletagmanager.com', '*.google-analytics.com'], cookies: ['_ga', '_ga_*'] }] },
    { id: 'marketing', services: [{ id: 'meta', name: 'Meta Pixel', hosts: ['connect.facebook.net', 'www.facebook.com'], cookies: ['_fbp'] }] },
    { id: 'media', services: [{ id: 'video', name: 'Video', hosts: ['www.youtube-nocookie.com'] }] },
  ],
});

/** Called once the page is loaded and the network idle: inserts the elements, then reads layout, and returns the time. */
const WORKLOAD = `<script>
window.__run = async () => {
  const list = document.getElementById('list');
  const pixel = 'data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7';
  const start = performance.now();
  for (let i = 0; i < ${ELEMENTS}; i++) {
    let element;
    switch (i % 5) {
      case 0: element = document.createElement('img'); element.alt = ''; element.width = 1; element.height = 1; element.src = pixel; break;
      case 1: element = document.createElement('a'); element.href = '/item/' + i; element.textContent = 'Item ' + i; break;
      case 2: element = document.createElement('p'); element.textContent = 'Paragraph ' + i; break;
      case 3: element = document.createElement('li'); element.textContent = 'Entry ' + i; break;
      default: element = document.createElement('span'); element.className = 'tag'; element.textContent = '#' + i;
    }
    list.append(element);
  }
  // MutationObserver callbacks are microtasks: they have run once this resumes.
  await null;
  document.body.offsetHeight;
  return performance.now() - start;
};
</script>`;

const page = (withSamtycke) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>bench</title>
${withSamtycke ? `<script type="application/json" id="samtycke-config">${CONFIG}</script><script src="/dist/samtycke.js"></script>` : ''}
${WORKLOAD}</head><body><ul id="list"></ul></body></html>`;

const server = createServer(async (request, response) => {
  const path = new URL(request.url ?? '/', 'http://localhost').pathname;
  try {
    if (path === '/with.html' || path === '/without.html') {
      response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
      return response.end(page(path === '/with.html'));
    }
    if (/^\/dist\/[\w.-]+\.js$/.test(path)) {
      const body = await readFile(join(root, path));
      response.writeHead(200, { 'Content-Type': 'text/javascript; charset=utf-8' });
      return response.end(body);
    }
    response.writeHead(404).end();
  } catch {
    response.writeHead(404).end();
  }
});
await new Promise((done) => server.listen(0, '127.0.0.1', done));
const origin = `http://127.0.0.1:${server.address().port}`;

const browser = await puppeteer.launch({ executablePath, headless: true, args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'] });

async function measure(name) {
  const tab = await browser.newPage();
  try {
    // Whatever the page loads on its own (samtycke's gates module for a decided visitor) is done first.
    await tab.goto(`${origin}/${name}.html`, { waitUntil: 'networkidle0' });
    return await tab.evaluate(() => window.__run());
  } finally {
    await tab.close();
  }
}

try {
  // A returning visitor who refused everything: the head script takes its fast path and every gate is on.
  const setup = await browser.newPage();
  await setup.goto(`${origin}/with.html`, { waitUntil: 'load' });
  await setup.waitForFunction(() => window.samtycke?.config.revision === 'bench');
  const refused = await setup.evaluate(() => window.samtycke.rejectAll());
  const gated = await setup.evaluate(() => typeof window.samtycke.blocked === 'function');
  await setup.close();
  if (!refused || !gated) throw new Error('could not set up the returning visitor');

  await measure('without');
  await measure('with');
  const times = { without: [], with: [] };
  for (let run = 0; run < RUNS; run++) {
    for (const name of run % 2 ? ['with', 'without'] : ['without', 'with']) times[name].push(await measure(name));
  }

  const median = (values) => {
    const sorted = [...values].sort((a, b) => a - b);
    const middle = sorted.length >> 1;
    return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  };
  const ms = (value) => `${value.toFixed(1)} ms`;
  const ratio = median(times.with) / median(times.without);
  console.log(`### Observer benchmark: ${ELEMENTS} elements inserted after load, ${RUNS} runs each\n`);
  console.log('| page | median | min | max |');
  console.log('| --- | ---: | ---: | ---: |');
  for (const name of ['without', 'with']) {
    const label = name === 'with' ? 'with samtycke (all gates on)' : 'without samtycke';
    console.log(`| ${label} | ${ms(median(times[name]))} | ${ms(Math.min(...times[name]))} | ${ms(Math.max(...times[name]))} |`);
  }
  console.log(`\n**Ratio (median with / median without): ${ratio.toFixed(3)}×**, budget ≤ ${BUDGET}×: ${ratio <= BUDGET ? 'within budget' : 'OVER BUDGET'}`);
  process.exitCode = ratio <= BUDGET ? 0 : 1;
} finally {
  await browser.close();
  server.close();
}
