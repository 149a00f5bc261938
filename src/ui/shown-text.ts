/**
 * "What was shown": the exact text of a rendered layer and its SHA-256, so a
 * proof record can say what the visitor saw (R30). The hash is computed as
 * soon as the layer renders, so a click can pass it on synchronously: a grant
 * must be made inside the click itself (R14).
 */
import { sha256Hex } from '../internal/digest.js';

/** Elements that begin a new line where a visitor reads them. */
const BLOCK = /^(address|article|aside|blockquote|button|dd|details|dialog|div|dl|dt|footer|form|h[1-6]|header|li|main|nav|ol|p|section|summary|table|tr|ul)$/;

/**
 * The text of a layer as a visitor reads it, in reading order: one line per
 * heading, paragraph, list item, term and button, spaces collapsed within a
 * line. It reads the DOM, not the layout, so it is the same whatever the
 * screen (a collapsed service list is part of it: one click opens it).
 * @example renderedText(section) // 'Cookies and your privacy\nExempel AB would like …\nAnalytics: …'
 */
export function renderedText(root: Element): string {
  const lines: string[] = [];
  let line = '';
  const walk = (node: Node): void => {
    if (node.nodeType === Node.TEXT_NODE) {
      line += node.nodeValue;
      return;
    }
    if (node.nodeType !== Node.ELEMENT_NODE || /^(style|script|template)$/.test((node as Element).localName)) return;
    const block = BLOCK.test((node as Element).localName);
    if (block) lines.push(line);
    if (block) line = '';
    for (const child of node.childNodes) walk(child);
    if (block) lines.push(line);
    if (block) line = '';
  };
  walk(root);
  lines.push(line);
  return lines
    .map((text) => text.replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .join('\n');
}

/** Keeps the latest rendered text of one layer and its hash. */
export class ShownText {
  text = '';
  hash: string | undefined;

  update(root: Element): void {
    const text = renderedText(root);
    if (text === this.text) return;
    this.text = text;
    this.hash = undefined;
    // Without a secure context there is no crypto.subtle: the text still goes into the record.
    if (!globalThis.crypto?.subtle) return;
    sha256Hex(text).then((hash) => {
      if (this.text === text) this.hash = hash;
    }, () => undefined);
  }
}
