/**
 * Fake third-party trackers. Any request to `/tracker/...` on a *.test host
 * (mapped to loopback) is counted per host and path, and answered with a
 * script, a pixel, a page or JSON. Tests read and reset the counts through
 * server commands, so "zero requests reached the host" is observed, not assumed.
 */
const hits = [];

const PIXEL = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

export function trackerPlugin() {
  return {
    name: 'samtycke-trackers',
    serverStart({ app }) {
      app.use(async (ctx, next) => {
        if (!ctx.path.startsWith('/tracker/')) return next();
        hits.push({ host: ctx.hostname, path: ctx.path, query: ctx.querystring, method: ctx.method, at: Date.now() });
        ctx.set('Access-Control-Allow-Origin', ctx.get('Origin') || '*');
        ctx.set('Access-Control-Allow-Credentials', 'true');
        ctx.set('Cache-Control', 'no-store');
        const cookie = ctx.query.cookie;
        if (typeof cookie === 'string' && /^[A-Za-z0-9_]+$/.test(cookie)) ctx.set('Set-Cookie', `${cookie}=1; Path=/; Max-Age=3600; SameSite=Lax`);
        if (ctx.path.endsWith('.js')) {
          ctx.type = 'application/javascript';
          const name = JSON.stringify(`${ctx.hostname}${ctx.path}`);
          ctx.body = `(window.__trackerRuns = window.__trackerRuns || []).push(${name});`;
          // Like real analytics scripts: first-party cookies and storage written from the page (?jscookie=_ga&jsstorage=_ga_store).
          const jsCookie = ctx.query.jscookie;
          if (typeof jsCookie === 'string' && /^[A-Za-z0-9_]+$/.test(jsCookie)) ctx.body += `document.cookie = ${JSON.stringify(`${jsCookie}=1; Path=/; Max-Age=3600; SameSite=Lax`)};`;
          const jsStorage = ctx.query.jsstorage;
          if (typeof jsStorage === 'string' && /^[A-Za-z0-9_]+$/.test(jsStorage)) ctx.body += `localStorage.setItem(${JSON.stringify(jsStorage)}, '1');`;
        } else if (ctx.path.endsWith('.gif')) {
          ctx.type = 'image/gif';
          ctx.body = PIXEL;
        } else if (ctx.path.endsWith('.html')) {
          ctx.type = 'text/html';
          ctx.body = '<!doctype html><title>embed</title><p>embedded</p>';
        } else if (ctx.path.endsWith('.css')) {
          ctx.type = 'text/css';
          ctx.body = 'body{}';
        } else {
          ctx.type = 'application/json';
          ctx.body = '{"ok":true}';
        }
      });
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
