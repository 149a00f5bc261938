/**
 * What a site declares in its samtycke config (`<script type="application/json"
 * id="samtycke-config">` or `--config FILE`), read leniently: the audit must
 * classify with a config that the library itself would refuse, so every
 * malformed part is skipped and named in `problems` instead of stopping the run.
 */
import { DEFAULT_RETENTION_DAYS, retentionDays } from '../config/retention.js';

/** One service, as far as classification needs it. */
export interface DeclaredService {
  id: string;
  hosts: string[];
  /** Cookie name globs (`*` = any run of characters). */
  cookies: string[];
  /** localStorage key globs. */
  storage: string[];
}

/** One category and its services. */
export interface DeclaredCategory {
  id: string;
  necessary: boolean;
  /** Refused under Global Privacy Control (the ids `marketing`, `advertising`, `ads`, or `marketing: true`), as src/consent/gpc.ts decides. */
  marketing: boolean;
  services: DeclaredService[];
}

/** The declarations of a site. */
export interface SiteDeclarations {
  categories: DeclaredCategory[];
  /** The decision cookie's name (`cookie.name`, default `samtycke`). */
  cookieName: string;
  /** Days a decision lasts (`retention`, default 182). */
  retentionDays: number;
  /** Whether the site honours GPC (`gpc`, default true). */
  gpc: boolean;
  /** What was skipped, e.g. `categories[2].services[0].hosts: not a list of strings`. */
  problems: string[];
}

const MARKETING_IDS = new Set(['marketing', 'advertising', 'ads']);

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function strings(value: unknown, where: string, problems: string[]): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    problems.push(`${where}: not a list`);
    return [];
  }
  const out: string[] = [];
  value.forEach((item, index) => {
    if (typeof item === 'string') out.push(item);
    else if (isRecord(item) && typeof item.name === 'string') out.push(item.name);
    else problems.push(`${where}[${index}]: not a name`);
  });
  return out;
}

/**
 * Reads the declarations of a parsed config; never throws.
 * @example readDeclarations(JSON.parse(text)).categories.filter((c) => !c.necessary)
 */
export function readDeclarations(input: unknown): SiteDeclarations {
  const problems: string[] = [];
  const config = isRecord(input) ? input : {};
  if (!isRecord(input)) problems.push('the config is not a JSON object');
  const categories: DeclaredCategory[] = [];
  const rawCategories = Array.isArray(config.categories) ? config.categories : [];
  if (!Array.isArray(config.categories)) problems.push('categories: not a list');
  rawCategories.forEach((category: unknown, c) => {
    if (!isRecord(category) || typeof category.id !== 'string') {
      problems.push(`categories[${c}]: no id`);
      return;
    }
    const services: DeclaredService[] = [];
    const rawServices = Array.isArray(category.services) ? category.services : [];
    rawServices.forEach((service: unknown, s) => {
      const where = `categories[${c}].services[${s}]`;
      if (!isRecord(service) || typeof service.id !== 'string') {
        problems.push(`${where}: no id`);
        return;
      }
      services.push({
        id: service.id,
        hosts: strings(service.hosts, `${where}.hosts`, problems).map((host) => host.toLowerCase()),
        cookies: strings(service.cookies, `${where}.cookies`, problems),
        storage: strings(service.storage, `${where}.storage`, problems),
      });
    });
    categories.push({
      id: category.id,
      necessary: category.necessary === true,
      marketing: category.marketing === true || MARKETING_IDS.has(category.id),
      services,
    });
  });
  const cookie = isRecord(config.cookie) ? config.cookie : {};
  const retention = typeof config.retention === 'number' || typeof config.retention === 'string' ? retentionDays(config.retention) : DEFAULT_RETENTION_DAYS;
  if (Number.isNaN(retention)) problems.push('retention: unreadable');
  return {
    categories,
    cookieName: typeof cookie.name === 'string' ? cookie.name : 'samtycke',
    retentionDays: Number.isNaN(retention) ? DEFAULT_RETENTION_DAYS : retention,
    gpc: config.gpc !== false,
    problems,
  };
}

/** A site without a config: nothing declared. */
export const NO_DECLARATIONS: SiteDeclarations = { categories: [], cookieName: 'samtycke', retentionDays: DEFAULT_RETENTION_DAYS, gpc: true, problems: [] };
