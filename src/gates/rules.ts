/**
 * What the gates need from the config: services with their hosts, cookies
 * and storage keys. Read defensively from any value, so the head script can
 * block with a config the validator has not seen yet. These rules only ever
 * block; grants come from the consent object alone.
 */
export interface GateService {
  readonly id: string;
  readonly category: string;
  /** Lowercase host patterns; `*.example.com` also matches `example.com`. */
  readonly hosts: readonly string[];
  readonly cookies: readonly string[];
  readonly storage: readonly string[];
}

export interface GateRules {
  readonly services: readonly GateService[];
  /** Reload the page when a category whose scripts ran is revoked. */
  readonly reloadOnRevoke: boolean;
  /** Category → Consent Mode types from the config (`undefined`: the default mapping); `null` when Consent Mode is off. */
  readonly consentMode: Readonly<Record<string, readonly string[]>> | undefined | null;
}

type Loose = Record<string, unknown>;
const record = (value: unknown): Loose => (typeof value === 'object' && value !== null ? (value as Loose) : {});
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const text = (value: unknown): string => (typeof value === 'string' ? value : '');
const names = (value: unknown): string[] => list(value).map((entry) => text(typeof entry === 'string' ? entry : record(entry).name)).filter(Boolean);

export function readGateRules(input: unknown): GateRules {
  const config = record(input);
  const services: GateService[] = [];
  for (const category of list(config.categories)) {
    const { id, services: entries } = record(category);
    if (typeof id !== 'string') continue;
    for (const entry of list(entries)) {
      const service = record(entry);
      if (typeof service.id !== 'string') continue;
      services.push({
        id: service.id,
        category: id,
        hosts: list(service.hosts).map((host) => text(host).toLowerCase()).filter(Boolean),
        cookies: names(service.cookies),
        storage: names(service.storage),
      });
    }
  }
  const map = record(config.consentMode).categories;
  return {
    services,
    reloadOnRevoke: config.reloadOnRevoke !== false,
    consentMode: config.consentMode === false ? null : map ? (record(map) as Record<string, string[]>) : undefined,
  };
}

/** The service whose hosts include `host`, if any. */
export function serviceForHost(rules: GateRules, host: string): GateService | undefined {
  host = host.toLowerCase();
  return rules.services.find((service) =>
    service.hosts.some((pattern) => pattern === host || (pattern.startsWith('*.') && (host === pattern.slice(2) || host.endsWith(pattern.slice(1))))),
  );
}

/** `_ga_*` → /^_ga_.*$/ */
export function globPattern(globs: readonly string[]): RegExp {
  const alternatives = globs.map((glob) => glob.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*'));
  return new RegExp(`^(${alternatives.join('|') || '(?!)'})$`);
}
