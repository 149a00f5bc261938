import type { Consent } from '../consent/contract.js';
import type { LeakReport } from '../proof/leak-report.js';
import { LEAK_REPORT_TYPE, type LeakEncoding, type LeakForm, type OperatorType } from '../proof/report-fields.js';
import { VERSION } from '../internal/version.js';
import type { Leak } from './incident.js';

/** The configured service a host belongs to, as a report names it. */
export interface HostOwner {
  service: string;
  category: string;
}

/** What a report needs besides the leak: the page's consent state and config. */
export interface ReportContext {
  /** The report's id: the in-page incident's, so both name the same detection. */
  id: string;
  /** When it was detected, in ms since the epoch. */
  at: number;
  /** Origin and path of the page. */
  page: string;
  operatorType: OperatorType;
  /** The page's consent object: its consent id, whether it decided, whether the service is granted. */
  consent?: Pick<Consent, 'state' | 'has'> | undefined;
  /** The service that declares `host`, if any. */
  owner: HostOwner | undefined;
}

/**
 * The report of one leak for the collector (R42): what was sent, how, to whom,
 * on which page and under which consent state, and nothing of the value itself
 * (the canary's needle stays in the page).
 *
 * @example
 * const report = toLeakReport(leak, { id: incident.id, at: Date.now(), page: '/newsletter', operatorType: 'other', consent, owner });
 */
export function toLeakReport(leak: Leak, context: ReportContext): LeakReport {
  const [form, encoding = 'plain'] = leak.canary.encoding.split('+') as [LeakForm, LeakEncoding?];
  const state = context.consent?.state;
  return {
    type: LEAK_REPORT_TYPE,
    recordId: context.id,
    consentId: state?.consentId ?? null,
    detectedAt: new Date(context.at).toISOString(),
    fieldKind: leak.canary.kind,
    field: leak.canary.field,
    form,
    encoding,
    host: leak.host,
    service: context.owner?.service ?? null,
    category: context.owner?.category ?? null,
    requestKind: leak.kind,
    blocked: leak.blocked,
    decided: state?.decided ?? false,
    granted: context.owner ? (context.consent?.has(context.owner.service) ?? false) : null,
    page: context.page,
    operatorType: context.operatorType,
    libraryVersion: VERSION,
  };
}
