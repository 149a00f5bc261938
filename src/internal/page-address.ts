/**
 * The page's own address. A srcdoc or about:blank frame reports its parent's
 * (document.baseURI), so records and checks never see "about:srcdoc".
 */
export function pageUrl(): URL {
  return new URL(/^https?:/.test(location.href) ? location.href : document.baseURI);
}
