/**
 * `samtycke check`: validates configs where a site is built, and stamps the
 * config element of a page with the fingerprint of its text (`data-stamp`),
 * so the head script trusts that exact text without loading the validator
 * (zod) in the visitor's browser. A text edited after stamping no longer
 * matches its stamp and is validated in the browser again: a broken or
 * edited config never grants anything.
 */
import { configHash } from '../config/config.js';
import { ConfigError, type ConfigIssue } from '../config/config-error.js';
import { headBuildMismatch, headFeatures, headFileFeatures, headScriptFile, type HeadFeatures } from '../config/head-build.js';
import { validateConfig } from '../config/validate-config.js';

/**
 * The result of checking one config text: its stamp and the smallest head
 * script build that serves it (`samtycke.js`, `samtycke-no-proof.js`, …;
 * see `headScriptFile`), or every problem.
 */
export type CheckResult = { ok: true; stamp: string; head: string } | { ok: false; issues: readonly ConfigIssue[] };

/**
 * Validates a config text exactly as the browser would read it.
 * @returns the stamp for the text, or every problem (as `ConfigError` lists them).
 * @example checkConfigText('{"revision":"1","policyUrl":"/privacy","categories":[{"id":"analytics"}]}')
 */
export function checkConfigText(text: string): CheckResult {
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch (error) {
    return { ok: false, issues: [{ path: '', code: 'invalid_json', message: `the config is not valid JSON (${(error as Error).message})` }] };
  }
  try {
    validateConfig(input);
  } catch (error) {
    if (error instanceof ConfigError) return { ok: false, issues: error.issues };
    throw error;
  }
  return { ok: true, stamp: configHash(text), head: headScriptFile(headFeatures(input)) };
}

/** `<script … id="samtycke-config" …>text</script>`: the text of a script element is never entity-decoded, so it is exactly what the browser reads. */
const CONFIG_ELEMENT = /<script\b([^>]*\bid\s*=\s*["']?samtycke-config\b["']?[^>]*)>([\s\S]*?)<\/script\s*>/i;
const STAMP_ATTRIBUTE = /\s+data-stamp\s*=\s*("[^"]*"|'[^']*'|[^\s>]*)/i;
/** The `src` of each script element. */
const SCRIPT_SRC = /<script\b[^>]*?\ssrc\s*=\s*("[^"]*"|'[^']*'|[^\s"'>]+)/gi;

/** The head script builds a page loads, by their file names (`…/samtycke-no-proof.js?v=2`); commented-out tags do not count. */
function headBuildsLoaded(html: string): HeadFeatures[] {
  const urls = [...html.replace(/<!--[\s\S]*?-->/g, '').matchAll(SCRIPT_SRC)].map((match) => (match[1] ?? '').replace(/^["']|["']$/g, ''));
  return urls.map((url) => headFileFeatures(url.split(/[?#]/)[0]!.split('/').pop()!)).filter((build): build is HeadFeatures => build !== undefined);
}

/**
 * Checks the config element of an HTML page and returns the page with the
 * element stamped (an earlier stamp replaced), or the problems: those of the
 * config, or a head script build that cannot serve it (`head_build`: the
 * page loads `samtycke-no-button.js` but the config shows the button).
 * @throws {Error} when the page has no `<script id="samtycke-config">` element.
 * @example const { html } = stampPage(readFileSync('index.html', 'utf8'));
 */
export function stampPage(html: string): CheckResult & { html: string } {
  const match = CONFIG_ELEMENT.exec(html);
  if (!match) throw new Error('no <script type="application/json" id="samtycke-config"> element in the page');
  const [element, attributes = '', text = ''] = match;
  const result = checkConfigText(text);
  if (!result.ok) return { ...result, html };
  // A trimmed head script build refuses a config that needs what it lacks: the page would grant nothing.
  const config: unknown = JSON.parse(text);
  const mismatch = headBuildsLoaded(html).map((build) => headBuildMismatch(build, config)).find(Boolean);
  if (mismatch) return { ok: false, issues: [{ path: '', code: 'head_build', message: `the page's head script ${mismatch}: it grants nothing with this config` }], html };
  const stamped = `<script${attributes.replace(STAMP_ATTRIBUTE, '')} data-stamp="${result.stamp}">${text}</script>`;
  return { ...result, html: html.slice(0, match.index) + stamped + html.slice(match.index + element.length) };
}
