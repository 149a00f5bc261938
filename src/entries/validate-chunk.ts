/**
 * `dist/samtycke-validate.js`: the config validator (zod). The head script
 * loads it only for a config text it cannot trust yet: one without a current
 * `data-stamp` (see `samtycke check`) that no stored decision was made under.
 */
import type { Config } from '../config/config.js';
import { ConfigError } from '../config/config-error.js';
import { validateConfig } from '../config/validate-config.js';

export { validateConfig };

/**
 * Validates the page's config element text (`null`: there is none). The head
 * script sends every text it cannot trust here, a missing or unparsable one
 * too, so the `ConfigError` that lists the problems lives in this chunk only.
 * @throws ConfigError - no element, text that is not JSON, or a config that breaks a rule
 */
export function validateConfigText(text: string | null): Config {
  if (text === null) throw new ConfigError([{ path: '', code: 'missing', message: 'no <script type="application/json" id="samtycke-config"> before the samtycke script' }]);
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch (error) {
    throw new ConfigError([{ path: '', code: 'invalid_json', message: `the config is not valid JSON (${(error as Error).message})` }]);
  }
  return validateConfig(input);
}
