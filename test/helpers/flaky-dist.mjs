/**
 * Serves `dist/` under `/flaky/<token>/`, except that the first request for
 * `samtycke-ui.js` under each token fails (404), as a dropped connection
 * would: the page's second attempt must get the chunk.
 */
const failed = new Set();

export async function flakyDist(ctx, next) {
  const match = /^\/flaky\/(\w+)\/(.+)$/.exec(ctx.path);
  if (!match) return next();
  const [, token, file] = match;
  if (file === 'samtycke-ui.js' && !failed.has(token)) {
    failed.add(token);
    ctx.status = 404;
    return;
  }
  ctx.url = `/dist/${file}`;
  return next();
}
