/**
 * What the gates cost a page that builds a lot of DOM after load.
 *
 * A local page inserts 5,000 elements one by one once it has loaded (images with
 * `src` set through the property, links, paragraphs, list items), then reads
 * layout. The time from the first insertion to the end of that layout read
 * includes the MutationObserver callbacks, which run before it. The page is
 * measured three ways, alternating, in headless Chromium: with nothing; with a
 * bare document-wide MutationObserver that looks at every added element (what
 * any script that watches the DOM pays); and with samtycke (a returning
 * visitor who refused everything, so every gate is on). The budget compares
 * samtycke with the bare observer.
 *
 *   node bench/observer.mjs                 15 runs per variant, fails above 1.2×
 *   node bench/observer.mjs --runs 25
 *
 * Needs `npm run build` first (it serves dist/samtycke.js).
 */
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import puppeteer from 'puppeteer-core';

const BUDGET = 1.2;
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

/** The bare observer: document-wide, and it reads each added element, as the gates must at least do. */
const BARE_OBSERVER = `<script>new MutationObserver((records) => { for (const record of records) for (const node of record.addedNodes) if (node.nodeType === 1) window.__seen = node.tagName; })
  .observe(document.documentElement, { childList: true, subtree: true });</script>`;

const VARIANTS = {
  without: '',
  bare: BARE_OBSERVER,
  with: `<script type="application/json" id="samtycke-config">${CONFIG}</script><script src="/dist/samtycke.js"></script>`,
};

const page = (variant) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>bench</title>
${VARIANTS[variant]}
${WORKLOAD}</head><body><ul id="list"></ul></body></html>`;

const server = createServer(async (request, response) => {
  const path = new URL(request.url ?? '/', 'http://localhost').pathname;
  try {
    const variant = /^\/(\w+)\.html$/.exec(path)?.[1];
    if (variant && variant in VARIANTS) {
      response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
      return response.end(page(variant));
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

  const names = Object.keys(VARIANTS);
  for (const name of names) await measure(name);
  const times = Object.fromEntries(names.map((name) => [name, []]));
  for (let run = 0; run < RUNS; run++) {
    // Rotate the order, so no variant always runs first.
    for (let i = 0; i < names.length; i++) {
      const name = names[(run + i) % names.length];
      times[name].push(await measure(name));
    }
  }

  const median = (values) => {
    const sorted = [...values].sort((a, b) => a - b);
    const middle = sorted.length >> 1;
    return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  };
  const ms = (value) => `${value.toFixed(1)} ms`;
  const ratio = median(times.with) / median(times.bare);
  const labels = { without: 'no observer', bare: 'a bare document-wide MutationObserver', with: 'samtycke (all gates on)' };
  console.log(`### Observer benchmark: ${ELEMENTS} elements inserted after load, ${RUNS} runs each\n`);
  console.log('| page | median | min | max |');
  console.log('| --- | ---: | ---: | ---: |');
  for (const name of names) console.log(`| ${labels[name]} | ${ms(median(times[name]))} | ${ms(Math.min(...times[name]))} | ${ms(Math.max(...times[name]))} |`);
  console.log(`\n**samtycke / bare observer (medians): ${ratio.toFixed(3)}×**, budget ≤ ${BUDGET}×: ${ratio <= BUDGET ? 'within budget' : 'OVER BUDGET'}`);
  process.exitCode = ratio <= BUDGET ? 0 : 1;
} finally {
  await browser.close();
  server.close();
}
