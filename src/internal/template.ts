/**
 * Fills `{name}` placeholders from `values`; a placeholder without a value is
 * left as written, so a typo in a site's text shows instead of vanishing.
 * @example fill('Data is shared with {count} third parties.', { count: 3 })
 */
export function fill(template: string, values: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}
