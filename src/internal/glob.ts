/**
 * One pattern for a list of globs, `*` matching any run of characters and
 * nothing else special: `["_ga", "_ga_*"]` → /^(_ga|_ga_.*)$/. An empty list
 * matches nothing. Used for cookie and storage names and for page paths.
 */
export function globPattern(globs: readonly string[]): RegExp {
  const alternatives = globs.map((glob) => glob.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*'));
  return new RegExp(`^(${alternatives.join('|') || '(?!)'})$`);
}
