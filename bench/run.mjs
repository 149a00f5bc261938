/**
 * `npm run bench`: samtycke's demo page against vanilla-cookieconsent 3.x
 * configured comparably (same purposes, services, texts and equal-weight
 * buttons), in headless Chromium with the CPU throttled 4× through the
 * DevTools protocol. Each run starts from a fresh browser profile.
 *
 * Measures, per library: time from navigation start to the banner being
 * visible; main-thread script time on a first visit (until the banner is up
 * and the network is idle); the brotli bytes of the scripts and styles that
 * had arrived when the banner became visible; and, on a returning visit after
 * "Accept all", script time, bytes and the number of script and style requests.
 * samtycke runs twice: with its config stamped (`samtycke check --write`, what a
 * production site serves) and without (the validator then loads in the browser).
 * Last, each metric of the stamped page as a ratio to vanilla-cookieconsent's, the
 * figure its budget is set in, with a bootstrap 95% interval.
 *
 *   node bench/run.mjs [--runs 7] [--cpu 4]
 */
import { createServer } from 'node:http';
import { readFileSync, existsSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';
import { brotliCompressSync, constants } from 'node:zlib';
import puppeteer from 'puppeteer-core';
import { stampPage } from '../dist/collector/cli/check.js';

const root = new URL('..', import.meta.url).pathname;
const arg = (name, fallback) => {
  const index = process.argv.indexOf(`--${name}`);
  return index > 0 ? Number(process.argv[index + 1]) : fallback;
};
const RUNS = arg('runs', 7);
const CPU = arg('cpu', 4);
const SERVED = ['/bench/pages/', '/dist/', '/node_modules/vanilla-cookieconsent/dist/'];
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css' };

const LIBRARIES = [
  {
    // The config stamped at build time (`samtycke check --write`), as a production site serves it.
    name: 'samtycke',
    page: '/bench/pages/samtycke.html?stamped',
    banner: `document.querySelector('samtycke-banner')?.shadowRoot?.querySelector('section')`,
    accept: `document.querySelector('samtycke-banner').shadowRoot.querySelector('[data-control="accept-all"]')`,
    decided: () => document.cookie.includes('samtycke='),
  },
  {
    // The same page without the stamp: the first visit also loads the validator.
    name: 'samtycke, config not stamped',
    page: '/bench/pages/samtycke.html',
    banner: `document.querySelector('samtycke-banner')?.shadowRoot?.querySelector('section')`,
    accept: `document.querySelector('samtycke-banner').shadowRoot.querySelector('[data-control="accept-all"]')`,
    decided: () => document.cookie.includes('samtycke='),
  },
  {
    name: 'vanilla-cookieconsent 3',
    page: '/bench/pages/cookieconsent.html',
    banner: `document.querySelector('#cc-main .cm')`,
    accept: `document.querySelector('#cc-main .cm [data-role="all"]')`,
    decided: () => document.cookie.includes('cc_cookie='),
  },
];

/** Resolves with performance.now() at the first frame in which the banner is rendered and visible. */
const probe = (selector) => `window.__bannerVisibleAt = new Promise((resolve) => {
  const tick = () => {
    const el = ${selector};
    if (el && el.getBoundingClientRect().height > 0 && el.checkVisibility({ visibilityProperty: true })) resolve(performance.now());
    else requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
});`;

function serve() {
  const server = createServer((request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url, 'http://x').pathname));
    const file = join(root, path);
    if (!SERVED.some((prefix) => path.startsWith(prefix)) || !existsSync(file)) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', 'Cache-Control': 'no-cache' });
    const body = readFileSync(file);
    response.end(new URL(request.url, 'http://x').search === '?stamped' ? stampPage(body.toString('utf8')).html : body);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

const brotliCache = new Map();
function brotliBytes(url) {
  const path = new URL(url).pathname;
  if (!brotliCache.has(path)) {
    const file = join(root, path);
    brotliCache.set(path, existsSync(file) ? brotliCompressSync(readFileSync(file), { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length : 0);
  }
  return brotliCache.get(path);
}

async function scriptSeconds(client) {
  const { metrics } = await client.send('Performance.getMetrics');
  return metrics.find((metric) => metric.name === 'ScriptDuration').value;
}

/** A tab with the CPU throttled and performance metrics on; records scripts and styles it fetches. */
async function openTab(context) {
  const page = await context.newPage();
  await page.bringToFront();
  const client = await page.createCDPSession();
  await client.send('Performance.enable');
  await client.send('Emulation.setCPUThrottlingRate', { rate: CPU });
  const assets = [];
  page.on('response', (response) => {
    const type = response.request().resourceType();
    if (type === 'script' || type === 'stylesheet') assets.push(response.url());
  });
  return { page, client, assets };
}

async function measure(browser, origin, library) {
  const context = await browser.createBrowserContext();
  try {
    const first = await openTab(context);
    await first.page.evaluateOnNewDocument(probe(library.banner));
    const before = await scriptSeconds(first.client);
    await first.page.goto(origin + library.page, { waitUntil: 'load' });
    const visibleAt = await first.page.evaluate(() => window.__bannerVisibleAt);
    // Scripts and styles whose response had arrived when the banner became visible (Resource Timing, same clock).
    const untilBanner = await first.page.evaluate(
      (at) => performance.getEntriesByType('resource').filter((entry) => entry.responseEnd <= at && /\.(js|css)(\?|$)/.test(entry.name)).map((entry) => entry.name),
      visibleAt,
    );
    await first.page.waitForNetworkIdle({ idleTime: 250 });
    const firstScript = (await scriptSeconds(first.client)) - before;
    const firstBytes = untilBanner.reduce((sum, url) => sum + brotliBytes(url), 0);

    // "Accept all" with the real mouse: a user gesture, as both libraries expect.
    const accept = await first.page.evaluateHandle(library.accept);
    await accept.asElement().click();
    await first.page.waitForFunction(library.decided, { polling: 50 });
    await first.page.close();

    const back = await openTab(context);
    const beforeBack = await scriptSeconds(back.client);
    await back.page.goto(origin + library.page, { waitUntil: 'load' });
    await back.page.waitForNetworkIdle({ idleTime: 250 });
    const returningScript = (await scriptSeconds(back.client)) - beforeBack;
    const returningBytes = back.assets.reduce((sum, url) => sum + brotliBytes(url), 0);
    const returningRequests = back.assets.length;
    const bannerShown = await back.page.evaluate(`Boolean(${library.banner})`);
    if (bannerShown && library.name.startsWith('samtycke')) throw new Error('samtycke showed the banner to a returning visitor');
    return { visibleAt, firstScript: firstScript * 1000, returningScript: returningScript * 1000, firstBytes, returningBytes, returningRequests };
  } finally {
    await context.close();
  }
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const ms = (values) => `${median(values).toFixed(1)} ms (${Math.min(...values).toFixed(1)}–${Math.max(...values).toFixed(1)})`;
const kb = (values) => `${(median(values) / 1024).toFixed(2)} KB`;

const server = await serve();
const origin = `http://127.0.0.1:${server.address().port}`;
const browser = await puppeteer.launch({
  executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update'],
});
const results = Object.fromEntries(LIBRARIES.map((library) => [library.name, []]));
try {
  // One untimed run each warms the disk cache of the server side.
  for (const library of LIBRARIES) await measure(browser, origin, library);
  for (let run = 0; run < RUNS; run++) {
    // Alternate the order so neither library always runs first.
    const order = run % 2 ? [...LIBRARIES].reverse() : LIBRARIES;
    for (const library of order) results[library.name].push(await measure(browser, origin, library));
  }
} finally {
  await browser.close();
  server.close();
}

const rows = [
  ['banner visible (from navigation start)', (r) => ms(r.map((x) => x.visibleAt))],
  ['script time, first visit', (r) => ms(r.map((x) => x.firstScript))],
  ['script time, returning visit', (r) => ms(r.map((x) => x.returningScript))],
  ['bytes until the banner is up, first visit (brotli, JS + CSS)', (r) => kb(r.map((x) => x.firstBytes))],
  ['bytes, returning visit (brotli, JS + CSS)', (r) => kb(r.map((x) => x.returningBytes))],
  ['requests, returning visit (JS + CSS)', (r) => String(median(r.map((x) => x.returningRequests)))],
];
const names = LIBRARIES.map((library) => library.name);
console.log(`Headless Chromium, CPU throttled ${CPU}×, ${RUNS} runs each (median, range in brackets).\n`);
console.log(`| metric | ${names.join(' | ')} |`);
console.log(`| --- | ${names.map(() => '---').join(' | ')} |`);
for (const [label, format] of rows) console.log(`| ${label} | ${names.map((name) => format(results[name])).join(' | ')} |`);

// Each budget is a ratio to the peer measured in this run (medians against medians), with a 95% interval
// from resampling both libraries' runs (2,000 bootstrap samples, fixed seed): on a shared machine the
// interval says how far one run can be trusted.
const ours = results[LIBRARIES[0].name];
const peer = results[LIBRARIES[LIBRARIES.length - 1].name];
let seed = 1;
const random = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
const resample = (values) => values.map(() => values[Math.floor(random() * values.length)]);
const ratio = (pick) => {
  const point = median(ours.map(pick)) / median(peer.map(pick));
  const samples = Array.from({ length: 2000 }, () => median(resample(ours.map(pick))) / median(resample(peer.map(pick)))).sort((a, b) => a - b);
  const spread = samples[50] === samples[1949] ? '' : ` (95% interval ${samples[50].toFixed(2)}–${samples[1949].toFixed(2)})`;
  return `${point.toFixed(2)}×${spread}`;
};
console.log(`\n${LIBRARIES[0].name} / ${LIBRARIES[LIBRARIES.length - 1].name}, same run:`);
console.log(`- banner visible: ${ratio((x) => x.visibleAt)}, budget 0.8×`);
console.log(`- script time, first visit: ${ratio((x) => x.firstScript)}, budget 1×`);
console.log(`- script time, returning visit: ${ratio((x) => x.returningScript)}, budget 1×`);
console.log(`- bytes until the banner is up: ${ratio((x) => x.firstBytes)}, budget 1×`);
console.log(`- bytes, returning visit: ${ratio((x) => x.returningBytes)}`);
