import { looseList, looseRecord, looseText } from '../internal/loose.js';

/**
 * What the gates need from the config, read defensively from any value, so
 * the head script can block with a config the validator has not seen yet.
 * These rules only ever block; grants come from the consent object alone.
 * The head reads services and hosts; the rest is read on demand, by the
 * module that needs it (`readDecisionRules`).
 */
export interface GateService {
  readonly id: string;
  readonly category: string;
  /**
   * In a strictly necessary category: never held back, not even before the
   * config is validated (the validator refuses tracker hosts there, R34).
   */
  readonly necessary: boolean;
  /** Lowercase host patterns; `*.example.com` also matches `example.com`. */
  readonly hosts: readonly string[];
  /** The service as the config gives it. */
  readonly source: Readonly<Record<string, unknown>>;
}

export interface GateRules {
  readonly services: readonly GateService[];
  /** Every category id of the config, with or without services. */
  readonly categories: readonly string[];
  /** Whether the config turned Google Consent Mode off. */
  readonly consentModeOff: boolean;
}

/** What a decision does beyond the gates, from the config. */
export interface DecisionRules {
  /** Reload the page when a category whose scripts ran or embeds loaded is revoked. */
  readonly reloadOnRevoke: boolean;
  /** Category → Consent Mode types from the config (`undefined`: the default mapping); `null` when Consent Mode is off. */
  readonly consentMode: Readonly<Record<string, readonly string[]>> | undefined | null;
  /** The name of the decision cookie, which cleanup never touches. */
  readonly decisionCookie: string;
}

/** Cookie or storage names: `"_ga"` or `{ "name": "_ga", … }`. */
export const names = (value: unknown): string[] => looseList(value).map((entry) => looseText(typeof entry === 'string' ? entry : looseRecord(entry).name)).filter(Boolean);

/** The services and hosts of a config, validated or raw. */
export function readGateRules(input: unknown): GateRules {
  const config = looseRecord(input);
  const services: GateService[] = [];
  const categories: string[] = [];
  for (const category of looseList(config.categories)) {
    const { id, services: entries, necessary } = looseRecord(category);
    if (typeof id !== 'string') continue;
    categories.push(id);
    for (const entry of looseList(entries)) {
      const service = looseRecord(entry);
      if (typeof service.id !== 'string') continue;
      services.push({
        id: service.id,
        category: id,
        necessary: necessary === true,
        // One host given as a string (which the validator refuses) is still held back before it answers.
        hosts: [service.hosts].flat().map((host) => looseText(host).toLowerCase()).filter(Boolean),
        source: service,
      });
    }
  }
  return { services, categories, consentModeOff: config.consentMode === false };
}

/** What a decision does beyond the gates, from a config, validated or raw. */
export function readDecisionRules(input: unknown): DecisionRules {
  const config = looseRecord(input);
  const map = looseRecord(config.consentMode).categories;
  return {
    reloadOnRevoke: config.reloadOnRevoke !== false,
    consentMode: config.consentMode === false ? null : map ? (looseRecord(map) as Record<string, string[]>) : undefined,
    decisionCookie: looseText(looseRecord(config.cookie).name) || 'samtycke',
  };
}

/** The service whose hosts include `host`, if any. */
export function serviceForHost(rules: GateRules, host: string): GateService | undefined {
  // `pixel.example.` is `pixel.example`: the trailing dot only makes the name absolute.
  host = host.toLowerCase().replace(/\.$/, '');
  return rules.services.find((service) =>
    service.hosts.some((pattern) => pattern === host || (pattern.startsWith('*.') && (host === pattern.slice(2) || host.endsWith(pattern.slice(1))))),
  );
}
