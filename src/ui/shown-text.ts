/**
 * "What was shown": the exact text of a rendered layer and its SHA-256, so a
 * proof record can say what the visitor saw (R30). The hash is computed as
 * soon as the layer renders, so a click can pass it on synchronously: a grant
 * must be made inside the click itself (R14).
 */
import { sha256Hex } from '../internal/digest.js';

/** The text content of a layer with whitespace collapsed: what a visitor reads, in reading order. */
export function renderedText(root: Element): string {
  return (root.textContent ?? '').replace(/\s+/g, ' ').trim();
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
