/**
 * Puts the config element and the head script first in a page's `<head>`:
 * before any script, style sheet, preload or module of the app, so the gates
 * run before the app's first module is even fetched. Only `<meta charset>`
 * goes in front of them, where the HTML standard wants it (within the first
 * 1024 bytes): a leading one stays, one further down the head (after the
 * client script `vite dev` puts first) moves to the front.
 */

/**
 * What goes first in `<head>`.
 * @example
 * const tags: HeadTags = { configText: text, stamp, src: '/samtycke/samtycke.js' };
 */
export interface HeadTags {
  /** The config element's text (already safe inside `<script>`, see `readPageConfig`). */
  readonly configText: string;
  /** Its `data-stamp`. */
  readonly stamp: string;
  /** The URL of the head script (`samtycke.js`). */
  readonly src: string;
}

const HEAD_OPEN = /<head(?:\s[^>]*)?>/i;
const LEADING_CHARSET = /^\s*<meta\s[^>]*charset\s*=[^>]*>/i;
const CHARSET = /<meta\s[^>]*charset\s*=[^>]*>/i;
const attribute = (value: string): string => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;');

/**
 * The page with the two elements first in `<head>` (a `<head>` is added when
 * the page has none).
 * @throws {Error} when the page already loads a samtycke config element: two would disagree about which one counts.
 * @example injectHeadTags('<html><head><title>Shop</title></head>…', { configText, stamp, src: '/samtycke/samtycke.js' })
 */
export function injectHeadTags(html: string, tags: HeadTags): string {
  if (/\bid\s*=\s*["']?samtycke-config\b/i.test(html)) throw new Error('index.html already has a samtycke-config element: remove it, the samtycke Vite plugin writes it from its `config` option');
  const elements =
    `<script type="application/json" id="samtycke-config" data-stamp="${attribute(tags.stamp)}">${tags.configText}</script>` +
    `<script src="${attribute(tags.src)}"></script>`;
  const head = HEAD_OPEN.exec(html);
  if (!head) {
    const htmlOpen = /<html(?:\s[^>]*)?>/i.exec(html);
    const at = htmlOpen ? htmlOpen.index + htmlOpen[0].length : 0;
    return `${html.slice(0, at)}<head>${elements}</head>${html.slice(at)}`;
  }
  let at = head.index + head[0].length;
  const leading = LEADING_CHARSET.exec(html.slice(at));
  if (leading) at += leading[0].length;
  else {
    const headEnd = html.search(/<\/head\s*>/i);
    const charset = CHARSET.exec(html.slice(at, headEnd === -1 ? undefined : headEnd));
    if (charset) {
      const from = at + charset.index;
      return html.slice(0, at) + charset[0] + elements + html.slice(at, from) + html.slice(from + charset[0].length);
    }
  }
  return html.slice(0, at) + elements + html.slice(at);
}
