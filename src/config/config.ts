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
 * The revision of the config schema. Raise it whenever the schema starts to
 * refuse something it accepted: every fingerprint changes with it, so configs
 * validated under the old schema are validated again.
 */
export const SCHEMA_REVISION = 1;

/**
 * A short fingerprint of a config text that passed the schema (FNV-1a over
 * the schema revision and the text; up to 7 base-36 characters). It is kept
 * in two places: in the decision cookie (`h`), for the text the decision was
 * made under, and as the config element's `data-stamp`, written by
 * `samtycke check --write` at build time. Either lets the head script trust
 * the unchanged text without loading the validator. It detects change; it is
 * not a security measure.
 * @example configHash('{"revision":"1",…}') // '1x9k2a'
 */
export function configHash(text: string): string {
  const input = `${SCHEMA_REVISION}\n${text}`;
  let hash = 0x811c9dc5;
  for (let i = 0; i < input.length; i++) {
    hash ^= input.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(36);
}
