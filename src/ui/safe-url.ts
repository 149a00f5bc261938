/** A link from the config, or `undefined` unless it is http(s) or relative: no `javascript:` from a hostile config. */
export function safeUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    // Against the document's base: a page in an `srcdoc` frame has `about:srcdoc` for its location, which resolves nothing.
    const { protocol } = new URL(url, document.baseURI);
    return protocol === 'https:' || protocol === 'http:' ? url : undefined;
  } catch {
    return undefined;
  }
}
