import { adviseOnConfig } from './advice.js';
import { normalizeConfig, type Config } from './config.js';
import { toConfigError } from './config-error.js';
import { configSchema } from './schema.js';

/**
 * Validates a config and fills in its defaults. In development builds it also
 * warns about what a visitor or a regulator will miss (R17, R38).
 * @throws {ConfigError} listing every problem at once, when the config is invalid.
 * @example const config = validateConfig(JSON.parse(text));
 */
export function validateConfig(input: unknown): Config {
  const parsed = configSchema.safeParse(input);
  if (!parsed.success) throw toConfigError(parsed.error.issues, configSchema);
  const config = normalizeConfig(parsed.data);
  adviseOnConfig(config);
  return config;
}
