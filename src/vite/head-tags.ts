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
/** One attribute, its value quoted or not: a `charset=` inside another attribute's value is not one. */
const ATTRIBUTE = String.raw`[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>]+))?`;
/** A character encoding declaration: `<meta charset="…">`, or `<meta http-equiv="Content-Type" content="…; charset=…">`. */
const CHARSET_META = String.raw`<meta(?:\s+${ATTRIBUTE})*?\s+(?:charset\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>]+)|http-equiv\s*=\s*["']?content-type["']?)(?:\s+${ATTRIBUTE})*\s*\/?>`;
const LEADING_CHARSET = new RegExp(String.raw`^\s*${CHARSET_META}`, 'i');
/**
 * A `<meta charset>` behind nothing but elements without content of their own (what `vite dev` puts
 * first: `<script type="module" src="/@vite/client"></script>`), other meta elements and links: no
 * comment, inline script, style or template it could be part of.
 */
const CHARSET_BEHIND_EMPTY_ELEMENTS = new RegExp(
  String.raw`^((?:\s*<script(?:\s+${ATTRIBUTE})*\s*><\/script\s*>|\s*<link(?:\s+${ATTRIBUTE})*\s*\/?>|\s*<meta(?:\s+${ATTRIBUTE})*\s*\/?>)*?)\s*(${CHARSET_META})`,
  'i',
);
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
    // Moved to the front, ahead of the elements before it, so it stays within the first 1024 bytes.
    const behind = CHARSET_BEHIND_EMPTY_ELEMENTS.exec(html.slice(at));
    if (behind) {
      const [whole, before = '', charset = ''] = behind;
      return html.slice(0, at) + charset + elements + before + html.slice(at + whole.length);
    }
  }
  return html.slice(0, at) + elements + html.slice(at);
}
