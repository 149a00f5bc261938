/**
 * Whether a value is an http(s) origin and path, without credentials, query
 * string or fragment: the only page address a proof record or a leak report
 * may carry, since a query string can hold what a visitor typed.
 */
export function isOriginAndPath(value: string): boolean {
  if (/[?#]/.test(value)) return false;
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.username === '' && url.password === '';
  } catch {
    return false;
  }
}
