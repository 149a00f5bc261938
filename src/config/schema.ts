/**
 * The config schema. `ConfigInput` is inferred from it; `config.ts` fills in
 * the defaults. The schema validates only: it has no defaults or transforms,
 * so the head bundle can apply the same defaults without loading zod.
 *
 * The schema is where the rules are enforced by construction (RULES.md):
 * a pre-ticked purpose, a renewal period over 13 months or an ambiguous id
 * is refused with a message, not silently "fixed".
 */
import * as z from 'zod/mini';

import { looseList, looseRecord } from '../internal/loose.js';
import { baseLocale, SHIPPED_LOCALES } from './locale.js';
import { plainLabels, symmetricLabels } from './plain-labels.js';
import { DEFAULT_RETENTION_DAYS, MAX_RETENTION_DAYS, retentionDays } from './retention.js';
import { isCounted, TEXT_KEYS } from './texts.js';

/** Cross-field checks run even when a field failed, so every problem is reported at once. */
const RUN_ALWAYS = { when: () => true };

const identifier = z.string().check(
  z.regex(/^[a-z][a-z0-9_-]{0,39}$/, 'must start with a lowercase letter and use only a-z, 0-9, "-" or "_" (at most 40 characters)'),
);

/** A text, or a text per locale: `"Analytics"` or `{ "en": "Analytics", "sv": "Statistik" }`. */
const localText = z.union([
  z.string().check(z.maxLength(2000)),
  z.record(z.string().check(z.regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'must be a language tag such as "en" or "sv-SE"')), z.string().check(z.maxLength(2000))),
]);

/** A text of the UI; empty texts are refused rather than shown. */
const text = z.string().check(z.minLength(1, 'must not be empty: leave the key out to keep the shipped text'), z.maxLength(4000));

/** A counted text in plural forms (`Intl.PluralRules` categories): `other` and what the language needs. */
const pluralForms = z.strictObject({
  zero: z.optional(text),
  one: z.optional(text),
  two: z.optional(text),
  few: z.optional(text),
  many: z.optional(text),
  other: text,
});

const hostPattern = z.string().check(
  z.regex(/^(\*\.)?([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)*[a-z0-9]([a-z0-9-]*[a-z0-9])?$/i, 'must be a host name such as "www.example.com" or "*.example.com"'),
);

const namePattern = z.string().check(
  z.regex(/^[^\s;,=]{1,200}$/, 'must be a cookie or storage key name, optionally with * as a wildcard'),
  // A bare "*" would erase every cookie of the site on withdrawal, the consent cookie included.
  z.refine((name: string) => !/^\*+$/.test(name), 'must name the cookie or key; "*" alone would match every cookie of the site'),
);

const cookieEntry = z.union([
  namePattern,
  z.strictObject({
    name: namePattern,
    lifetime: z.optional(z.string().check(z.maxLength(100))),
    purpose: z.optional(localText),
    thirdParty: z.optional(z.boolean()),
  }),
]);

// ---- Gates: optional keys read by src/gates/ (docs/gates.md) ----

const CONSENT_MODE_TYPES = [
  'ad_storage',
  'ad_user_data',
  'ad_personalization',
  'analytics_storage',
  'functionality_storage',
  'personalization_storage',
  'security_storage',
] as const;

/** Keys a category may carry for the gates. */
const gateCategoryKeys = {
  /** Advertising or sale of data: refused under Global Privacy Control unless switched on one by one (R48). */
  marketing: z.optional(z.boolean()),
};

/** Top-level keys for the gates. */
const gateConfigKeys = {
  /** Google Consent Mode v2: `false` to send nothing, or the category → consent types mapping. */
  consentMode: z.optional(
    z.union([
      z.literal(false),
      z.strictObject({
        categories: z.optional(z.record(identifier, z.array(z.enum(CONSENT_MODE_TYPES)))),
        waitForUpdate: z.optional(z.number().check(z.int(), z.minimum(0), z.maximum(10000))),
      }),
    ]),
  ),
  /** Reload the page when a category whose scripts already ran is revoked (scripts cannot be unloaded). @default true */
  reloadOnRevoke: z.optional(z.boolean()),
  /** Honour Global Privacy Control: "Accept all" leaves marketing categories off. @default true */
  gpc: z.optional(z.boolean()),
  /** Paths where no optional category runs, whatever the consent (R41): "/booking/*". */
  sensitiveZones: z.optional(z.array(z.string().check(z.regex(/^\/[^\s]*$/, 'must be a path starting with "/", with * as a wildcard')))),
};

// ---- end of gate keys ----

/** Hosts that are analytics or advertising by nature and can never be "strictly necessary" (R34). */
const TRACKING_HOSTS = /(^|\.)(google-analytics\.com|googletagmanager\.com|doubleclick\.net|googleadservices\.com|facebook\.(com|net)|connect\.facebook\.net|hotjar\.com|clarity\.ms|bat\.bing\.com|tiktok\.com|linkedin\.com|snapchat\.com|criteo\.(com|net)|matomo\.cloud|segment\.(io|com)|mixpanel\.com|amplitude\.com)$/i;

const service = z.strictObject({
  id: identifier,
  name: z.string().check(z.minLength(1), z.maxLength(200)),
  provider: z.optional(z.string().check(z.minLength(1), z.maxLength(200))),
  purpose: z.optional(localText),
  description: z.optional(localText),
  hosts: z.optional(z.array(hostPattern)),
  cookies: z.optional(z.array(cookieEntry)),
  storage: z.optional(z.array(namePattern)),
  retention: z.optional(z.string().check(z.maxLength(100))),
  policyUrl: z.optional(z.string().check(z.maxLength(2048))),
  country: z.optional(z.string().check(z.maxLength(100))),
  transfer: z.optional(z.string().check(z.maxLength(500))),
  dataSent: z.optional(localText),
  justification: z.optional(z.string().check(z.maxLength(1000))),
});

const category = z
  .strictObject({
    id: identifier,
    necessary: z.optional(z.boolean()),
    default: z.optional(z.boolean()),
    label: z.optional(localText),
    description: z.optional(localText),
    justification: z.optional(z.string().check(z.maxLength(1000))),
    services: z.optional(z.array(service)),
    ...gateCategoryKeys,
  })
  .check(z.superRefine(checkCategory, RUN_ALWAYS));

function checkCategory(input: unknown, ctx: { issues: z.core.$ZodRawIssue[] }): void {
  const cat = looseRecord(input);
  const id = String(cat.id);
  if (cat.default === true && cat.necessary !== true) {
    ctx.issues.push({
      code: 'custom',
      input: cat.default,
      path: ['default'],
      message: `category "${id}" cannot be granted by default: only strictly necessary categories may start on (no pre-ticked boxes, RULES R09)`,
    });
  }
  if (cat.necessary !== true) return;
  looseList(cat.services).forEach((entry, i) => {
    const svc = looseRecord(entry);
    const tracker = looseList(svc.hosts).find((host) => typeof host === 'string' && TRACKING_HOSTS.test(host.replace(/^\*\./, '')));
    if (tracker) {
      ctx.issues.push({
        code: 'custom',
        input: tracker,
        path: ['services', i, 'hosts'],
        message: `"${String(tracker)}" is an analytics or advertising host and cannot be strictly necessary; move service "${String(svc.id)}" to a consent category (RULES R34)`,
      });
    }
    if (!svc.justification && !cat.justification) {
      ctx.issues.push({
        code: 'custom',
        input: svc,
        path: ['services', i, 'justification'],
        message: `service "${String(svc.id)}" is in a strictly necessary category and must say why it is strictly necessary (RULES R34)`,
      });
    }
  });
}

/** "6m", "182d", "182 days" or a number of days; at most 13 months. */
const retention = z
  .union([
    z.number().check(z.int('must be a whole number of days')),
    z.string().check(z.regex(/^\s*\d{1,4}\s*(d|days?|m|months?)\s*$/i, 'must be a number of days, or a text such as "182d" or "6m"')),
  ])
  .check(
    z.refine((value: number | string) => retentionDays(value) >= 1, 'must be at least 1 day'),
    z.refine(
      (value: number | string) => retentionDays(value) <= MAX_RETENTION_DAYS,
      `must be at most 13 months (${MAX_RETENTION_DAYS} days); the default is 6 months (${DEFAULT_RETENTION_DAYS} days) (RULES R21)`,
    ),
  );

const cookieOptions = z.strictObject({
  name: z.optional(z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/, 'must use only letters, digits, "-" or "_"'))),
  domain: z.optional(z.string().check(z.regex(/^\.?([a-z0-9-]+\.)+[a-z0-9-]+$/i, 'must be a domain such as "example.com"'))),
  path: z.optional(z.string().check(z.regex(/^\/[^\s;]*$/, 'must start with "/"'))),
  sameSite: z.optional(z.enum(['Lax', 'Strict'])),
});

const collectorOptions = z.strictObject({
  endpoint: z.string().check(z.regex(/^(https?:\/\/|\/)[^\s]*$/, 'must be an http(s) URL or a path starting with "/"')),
});

/**
 * The schema of a samtycke config. It validates only (no defaults, no
 * transforms); `normalizeConfig` fills in the defaults.
 * @example configSchema.safeParse(JSON.parse(text)).success
 */
export const configSchema = z
  .strictObject({
    revision: z.string().check(z.minLength(1), z.maxLength(64)),
    policyUrl: z.string().check(z.minLength(1), z.maxLength(2048)),
    controller: z.optional(z.string().check(z.maxLength(200))),
    retention: z.optional(retention),
    language: z.optional(z.string().check(z.maxLength(35))),
    texts: z.optional(
      z.record(
        z.string().check(z.regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'must be a language tag such as "en" or "sv-SE"')),
        z.record(z.string(), z.union([text, pluralForms])),
      ).check(z.superRefine(checkTexts, RUN_ALWAYS)),
    ),
    ui: z.optional(
      z.strictObject({
        /** The floating "Cookie settings" button; turn off only when every page links to the settings (R26). */
        settingsButton: z.optional(z.boolean()),
      }),
    ),
    cookie: z.optional(cookieOptions),
    collector: z.optional(collectorOptions),
    sentinel: z.optional(
      z.strictObject({
        mode: z.optional(z.enum(['report', 'block', 'off'])),
        operatorType: z.optional(z.enum(['ecs', 'other'])),
      }),
    ),
    categories: z.array(category).check(z.minLength(1, 'needs at least one category')),
    ...gateConfigKeys,
  })
  .check(z.superRefine(checkUniqueIds, RUN_ALWAYS));

/**
 * Per language: plural forms only on counted texts; in a shipped language,
 * "Reject all" and "Accept all" only from its plain list (R08); a language
 * samtycke does not ship gives every text (never a mix of languages, R19)
 * and two symmetric choice labels (R08).
 */
function checkTexts(texts: unknown, ctx: { issues: z.core.$ZodRawIssue[] }): void {
  const all = looseRecord(texts);
  for (const [tag, given] of Object.entries(all)) {
    const own = looseRecord(given);
    for (const [key, value] of Object.entries(own)) {
      if (typeof value === 'object' && !isCounted(key)) {
        ctx.issues.push({ code: 'custom', input: value, path: [tag, key], message: `must be a text: only ${TEXT_KEYS.filter(isCounted).join(', ')} take plural forms` });
      }
    }
    const base = baseLocale(tag);
    if ((SHIPPED_LOCALES as readonly string[]).includes(base)) {
      for (const choice of ['rejectAll', 'acceptAll'] as const) {
        const label = own[choice];
        const plain = plainLabels(tag, choice);
        if (typeof label !== 'string' || plain.includes(label)) continue;
        ctx.issues.push({
          code: 'custom',
          input: label,
          path: [tag, choice],
          message: `"${label}" is not a plain label for this choice; use ${plain.map((text) => `"${text}"`).join(' or ')} (RULES R08)`,
        });
      }
      continue;
    }
    // A regional tag builds on its language's texts ("ar", then "ar-EG").
    const merged = { ...(base === tag ? {} : looseRecord(all[base])), ...own };
    const missing = TEXT_KEYS.filter((key) => merged[key] === undefined);
    if (missing.length) {
      ctx.issues.push({
        code: 'custom',
        input: given,
        path: [tag],
        message: `"${tag}" is not a language samtycke ships, so it needs every text (a banner is never a mix of languages, RULES R19); missing: ${missing.join(', ')}`,
      });
    } else if (typeof merged.rejectAll === 'string' && typeof merged.acceptAll === 'string' && !symmetricLabels(merged.rejectAll, merged.acceptAll)) {
      ctx.issues.push({
        code: 'custom',
        input: merged.acceptAll,
        path: [tag, 'acceptAll'],
        message: `"${merged.rejectAll}" and "${merged.acceptAll}" must be different labels of similar length, neither more than twice as long as the other (RULES R08)`,
      });
    }
  }
}

function checkUniqueIds(config: unknown, ctx: { issues: z.core.$ZodRawIssue[] }): void {
  const seen = new Map<string, string>();
  looseList(looseRecord(config).categories).forEach((cat, ci) => {
    claimId(seen, looseRecord(cat).id, 'category', ['categories', ci, 'id'], ctx);
    looseList(looseRecord(cat).services).forEach((svc, si) => claimId(seen, looseRecord(svc).id, 'service', ['categories', ci, 'services', si, 'id'], ctx));
  });
}

/** Category and service ids share one namespace: `data-category` / `data-service` and the API must not be ambiguous. */
function claimId(
  seen: Map<string, string>,
  id: unknown,
  kind: string,
  path: (string | number)[],
  ctx: { issues: z.core.$ZodRawIssue[] },
): void {
  if (typeof id !== 'string') return;
  const previous = seen.get(id);
  if (previous) {
    ctx.issues.push({ code: 'custom', input: id, path, message: `duplicate id "${id}": already used by a ${previous}; ids must be unique` });
  } else {
    seen.set(id, kind);
  }
}

/** What the site gives: JSON in the page, or an object in code. */
export type ConfigInput = z.input<typeof configSchema>;
