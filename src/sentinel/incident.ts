import type { Canary } from './canaries.js';
import { pageUrl } from '../internal/page-address.js';
import { randomId } from '../internal/random-id.js';

/** What kind of request carried the data. */
export type RequestKind = 'fetch' | 'xhr' | 'beacon' | 'image' | 'script' | 'iframe' | 'resource';

/** A request that carried a visitor's form data to a third party. */
export interface Leak {
  canary: Canary;
  host: string;
  /** The address without its query string. */
  url: string;
  kind: RequestKind;
  /** Whether the request was stopped (block mode, and a request that can be stopped). */
  blocked: boolean;
}

export interface IncidentOptions {
  /** Who answers for the site: named in the record as the contact point. */
  controller?: string | undefined;
  /** `ecs`: a provider of public electronic communications services, also bound by PTS's 24-hour rule. */
  operatorType?: 'ecs' | 'other' | undefined;
}

/**
 * An incident record (R42) that supports both notification regimes: GDPR
 * art. 33 (72 hours to the supervisory authority) and, for providers of
 * public electronic communications services, PTS (24 hours, full report in 3 days).
 */
export interface Incident {
  id: string;
  detectedAt: string;
  occurrence: { start: string; end: string | null };
  description: string;
  cause: string;
  dataCategories: string[];
  /** Hashed data is still personal data: never exempt on that ground alone (R43). */
  unintelligible: false;
  unintelligibleReason: string;
  approximatePeople: number;
  approximateRecords: number;
  recipients: string[];
  likelyConsequences: string;
  measures: { taken: string[]; planned: string[] };
  contactPoint: string;
  usersInformed: boolean;
  deadlines: { gdpr: string; ptsInitial?: string; ptsFull?: string };
  evidence: { field: string; encoding: string; host: string; url: string; kind: RequestKind; page: string };
}

const HOUR = 60 * 60 * 1000;

export function toIncident(leak: Leak, options: IncidentOptions, now = Date.now()): Incident {
  const detectedAt = new Date(now).toISOString();
  const hashed = /sha|md5/.test(leak.canary.encoding);
  const ecs = options.operatorType === 'ecs';
  return {
    id: randomId(),
    detectedAt,
    occurrence: { start: detectedAt, end: leak.blocked ? detectedAt : null },
    description: `A request to ${leak.host} carried the value of form field "${leak.canary.field}" (${leak.canary.encoding}).`,
    cause: `A third-party script on this page read form input and sent it by ${leak.kind}; check the vendor's own settings (for example automatic advanced matching) as well as the site's.`,
    dataCategories: [`${leak.canary.field} (${leak.canary.encoding})`],
    unintelligible: false,
    unintelligibleReason: hashed
      ? 'An unkeyed hash of contact data can be matched by the recipient; it is not unintelligible (Reg. 611/2013 art. 4(2)).'
      : 'The value was sent readable.',
    approximatePeople: 1,
    approximateRecords: 1,
    recipients: [leak.host],
    likelyConsequences: 'The recipient can link the visitor to their profile and to this site, and may learn sensitive facts from the page context.',
    measures: {
      taken: leak.blocked ? ['The request was blocked in the browser before it was sent.'] : ['The request was reported; it was not blocked (report mode).'],
      planned: ['Turn off the vendor feature that collects form data.', 'Assess whether the authority and the visitor must be notified.'],
    },
    contactPoint: options.controller ?? '',
    usersInformed: false,
    deadlines: {
      gdpr: new Date(now + 72 * HOUR).toISOString(),
      ...(ecs ? { ptsInitial: new Date(now + 24 * HOUR).toISOString(), ptsFull: new Date(now + 72 * HOUR).toISOString() } : {}),
    },
    evidence: { field: leak.canary.field, encoding: leak.canary.encoding, host: leak.host, url: leak.url, kind: leak.kind, page: pageUrl().origin + pageUrl().pathname },
  };
}
