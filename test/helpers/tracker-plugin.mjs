/**
 * Fake third-party trackers. Any request to `/tracker/...` on a *.test host
 * (mapped to loopback) is counted per host and path, and answered with a
 * script, a pixel, a page or JSON. Tests read and reset the counts through
 * server commands, so "zero requests reached the host" is observed, not assumed.
 *
 * It answers through the plugin `serve` hook, which runs before the static
 * file server (a middleware added with `app.use()` at server start sits
 * behind it and is never reached), and keeps its answers out of the dev
 * server's response cache.
 *
 * `/tracker/bundle/<token>/<file>.js` on the test server's own host answers
 * with `dist/<file>.js`: a page that loads the script-tag bundle from there
 * asks for its chunks next to it, so every file it requests is counted too
 * (see `countedBundle()` in page.ts).
 */
import { readFile } from 'node:fs/promises';

const hits = [];

const DIST = new URL('../../dist/', import.meta.url);

/** A built file of dist/ for a counted bundle URL, or undefined when there is none by that name. */
async function bundleFile(path) {
  const match = /^\/tracker\/bundle\/\w+\/([\w.-]+\.js)$/.exec(path);
  if (!match) return undefined;
  try {
    return await readFile(new URL(match[1], DIST), 'utf8');
  } catch {
    return undefined;
  }
}

const PIXEL = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

function answer(ctx) {
  const headers = {
    'Access-Control-Allow-Origin': ctx.get('Origin') || '*',
    'Access-Control-Allow-Credentials': 'true',
    'Cache-Control': 'no-store',
  };
  const cookie = ctx.query.cookie;
  if (typeof cookie === 'string' && /^[A-Za-z0-9_]+$/.test(cookie)) headers['Set-Cookie'] = `${cookie}=1; Path=/; Max-Age=3600; SameSite=Lax`;
  if (ctx.path.endsWith('.js')) {
    const name = JSON.stringify(`${ctx.hostname}${ctx.path}`);
    let body = `(window.__trackerRuns = window.__trackerRuns || []).push(${name});`;
    // Like real analytics scripts: first-party cookies and storage written from the page (?jscookie=_ga&jsstorage=_ga_store).
    const jsCookie = ctx.query.jscookie;
    if (typeof jsCookie === 'string' && /^[A-Za-z0-9_]+$/.test(jsCookie)) body += `document.cookie = ${JSON.stringify(`${jsCookie}=1; Path=/; Max-Age=3600; SameSite=Lax`)};`;
    const jsStorage = ctx.query.jsstorage;
    if (typeof jsStorage === 'string' && /^[A-Za-z0-9_]+$/.test(jsStorage)) body += `localStorage.setItem(${JSON.stringify(jsStorage)}, '1');`;
    return { body, type: 'application/javascript', headers };
  }
  if (ctx.path.endsWith('.gif')) return { body: PIXEL, type: 'image/gif', headers };
  if (ctx.path.endsWith('.html')) return { body: '<!doctype html><title>embed</title><p>embedded</p>', type: 'text/html', headers };
  if (ctx.path.endsWith('.css')) return { body: 'body{}', type: 'text/css', headers };
  return { body: '{"ok":true}', type: 'application/json', headers };
}

/**
 * The test runner marks every response whose path has an extension as cacheable for a year,
 * after the plugins ran. A tracker answer must never come from the browser's cache, or a
 * request would go uncounted: this response keeps its own Cache-Control.
 */
function keepUncached(response) {
  const set = response.set;
  response.set = function (field, value) {
    if (typeof field === 'string' && field.toLowerCase() === 'cache-control') return;
    set.call(this, field, value);
  };
}

export function trackerPlugin() {
  return {
    name: 'samtycke-trackers',
    async serve(ctx) {
      if (!ctx.path.startsWith('/tracker/')) return undefined;
      hits.push({ host: ctx.hostname, path: ctx.path, query: ctx.querystring, method: ctx.method, at: Date.now() });
      keepUncached(ctx.response);
      const bundled = await bundleFile(ctx.path);
      if (bundled !== undefined) return { body: bundled, type: 'application/javascript', headers: { 'Cache-Control': 'no-store' } };
      return answer(ctx);
    },
    // The dev server caches transformed responses (.js, .html) by path, across hosts: a cached
    // answer would never reach serve() and the hit would go uncounted.
    transform(ctx) {
      return ctx.path.startsWith('/tracker/') ? { transformCache: false } : undefined;
    },
    async executeCommand({ command, payload }) {
      if (command === 'tracker-hits') return payload?.host ? hits.filter((hit) => hit.host === payload.host) : hits.slice();
      if (command === 'tracker-reset') {
        hits.length = 0;
        return true;
      }
      return undefined;
    },
  };
}
