import type { LocalText } from './locale.js';
import { DEFAULT_RETENTION_DAYS, retentionDays } from './retention.js';
import type { ConfigInput } from './schema.js';

export type { LocalText } from './locale.js';

type CategoryInput = ConfigInput['categories'][number];
type ServiceInput = NonNullable<CategoryInput['services']>[number];
type CookieInput = NonNullable<ServiceInput['cookies']>[number];

/** A cookie a service sets, with what the site declared about it. */
export type CookieDeclaration = Exclude<CookieInput, string>;

export type ServiceConfig = Omit<ServiceInput, 'hosts' | 'cookies' | 'storage'> & {
  hosts: readonly string[];
  cookies: readonly CookieDeclaration[];
  storage: readonly string[];
};

export type CategoryConfig = Omit<CategoryInput, 'necessary' | 'services'> & {
  necessary: boolean;
  services: readonly ServiceConfig[];
};

/** The validated config with every default filled in. */
export type Config = Omit<ConfigInput, 'retention' | 'cookie' | 'categories'> & {
  /** Days a decision lasts. */
  retention: number;
  cookie: { name: string; path: string; sameSite: 'Lax' | 'Strict'; domain?: string };
  categories: readonly CategoryConfig[];
};

/**
 * Fills in the defaults of a config that has passed the schema (or whose
 * exact text passed it before, see `configHash`). Kept free of zod so the
 * head bundle can use it.
 */
export function normalizeConfig(input: ConfigInput): Config {
  return {
    ...input,
    retention: input.retention === undefined ? DEFAULT_RETENTION_DAYS : retentionDays(input.retention),
    cookie: { name: 'samtycke', path: '/', sameSite: 'Lax', ...input.cookie },
    categories: input.categories.map((category) => ({
      ...category,
      necessary: category.necessary === true,
      services: (category.services ?? []).map((service) => ({
        ...service,
        hosts: service.hosts ?? [],
        cookies: (service.cookies ?? []).map((cookie) => (typeof cookie === 'string' ? { name: cookie } : cookie)),
        storage: service.storage ?? [],
      })),
    })),
  };
}

/**
 * A short fingerprint of the config text (FNV-1a). The decision cookie keeps
 * the fingerprint of the config it was made under, so a returning visitor's
 * head script can trust the unchanged text without loading the validator.
 * It detects change; it is not a security measure.
 */
export function configHash(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(36);
}
