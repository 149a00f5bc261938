/**
 * Serves `dist/` under `/flaky/<token>/`, except that the first request for
 * `samtycke-ui.js` under each token fails (503), as an overloaded server
 * would: the page's second attempt, at the same URL, must get the chunk.
 */
const failed = new Set();

export async function flakyDist(ctx, next) {
  const match = /^\/flaky\/(\w+)\/(.+)$/.exec(ctx.path);
  if (!match) return next();
  const [, token, file] = match;
  if (file === 'samtycke-ui.js' && !failed.has(token)) {
    failed.add(token);
    ctx.status = 503;
    // The test runner marks every file it serves as cacheable for a year (by its extension), which would
    // keep this failure in the HTTP cache; a real failure is not cached, so the path loses its extension.
    ctx.path = `/flaky/${token}/unavailable`;
    ctx.set('Cache-Control', 'no-store');
    return;
  }
  ctx.url = `/dist/${file}`;
  return next();
}
