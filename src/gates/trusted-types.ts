/**
 * Trusted Types (`require-trusted-types-for 'script'`): a page that enforces
 * them accepts no plain string as a script's URL or text. Activating a
 * consented script needs both, so samtycke has one policy, named `samtycke`
 * (allow it with `trusted-types samtycke lit-html`). It trusts nothing it is
 * merely given: only the exact URL, text or markup samtycke is activating at
 * that moment, taken from the site's own held-back element. Any other string
 * is refused, so the policy cannot be borrowed to smuggle a script in.
 * Without Trusted Types (or where the page's CSP does not allow the policy)
 * plain strings are used, as before.
 */

interface Policy {
  createScriptURL(url: string): unknown;
  createScript(text: string): unknown;
  createHTML(html: string): unknown;
}
type PolicyFactory = { createPolicy(name: string, rules: { [K in keyof Policy]: (value: string) => string }): Policy };

/** The policy's name, which a site's `trusted-types` directive must allow. */
export const POLICY_NAME = 'samtycke';

/** The values samtycke is activating right now; nothing else is trusted. */
const activating = new Set<string>();
let policy: Policy | null | undefined;

function samtyckePolicy(): Policy | null {
  if (policy !== undefined) return policy;
  const factory = (globalThis as { trustedTypes?: PolicyFactory }).trustedTypes;
  const only = (value: string): string => {
    if (!activating.has(value)) throw new TypeError('samtycke trusts only the script it is activating');
    return value;
  };
  try {
    policy = factory ? factory.createPolicy(POLICY_NAME, { createScriptURL: only, createScript: only, createHTML: only }) : null;
  } catch (error) {
    // The page's CSP does not allow the policy: its own Trusted Types will refuse the activation, and say so.
    console.error(`[samtycke] cannot create the Trusted Types policy "${POLICY_NAME}": allow it in the page's trusted-types directive`, error);
    policy = null;
  }
  return policy;
}

/** `value` as the trusted type `kind` needs, for the moment of one assignment; the plain string without Trusted Types. */
function trusted<T extends keyof Policy>(kind: T, value: string): string {
  const trust = samtyckePolicy();
  if (!trust) return value;
  activating.add(value);
  try {
    return trust[kind](value) as string;
  } finally {
    activating.delete(value);
  }
}

/** A held-back script URL, to set as `script.src` or its `src` attribute. */
export const trustedScriptUrl = (url: string): string => trusted('createScriptURL', url);

/** A held-back inline script's text, to set as `script.text`. */
export const trustedScript = (text: string): string => trusted('createScript', text);

/** Markup an activated legacy tag wrote with `document.write`, to parse in its place. */
export const trustedHtml = (html: string): string => trusted('createHTML', html);
