/**
 * How both ways in to the sentinel (the script tag's chunk, `watchForLeaks`)
 * name a host's service and hand a leak report on: stored in the proof queue
 * at once, sent by the consent object's proof sender (R31, R42).
 */
import type { Consent } from '../consent/contract.js';
import { readGateRules, serviceForHost } from '../gates/rules.js';
import { looseRecord, looseText } from '../internal/loose.js';
import type { LeakReport } from '../proof/leak-report.js';
import type { HostOwner } from '../sentinel/report-leak.js';
import { pendingLeakReports, storeLeakReport } from '../storage/proof-queue.js';

/** The configured service of a host, read from a config validated or raw. */
export function hostOwners(config: unknown): (host: string) => HostOwner | undefined {
  const rules = readGateRules(config);
  return (host) => {
    const service = serviceForHost(rules, host);
    return service && { service: service.id, category: service.category };
  };
}

/**
 * Queues reports for the collector of `config`, when it has one; `undefined` otherwise (the
 * incident then stays in the page). `consent()` is read at each report: the head's consent
 * object gets its sender once the config is validated, and a report stored before that waits
 * for the next flush (a decision, or the next page).
 */
export function queueReports(config: unknown, consent: () => Pick<Consent, 'proof'> | undefined): ((report: LeakReport) => void) | undefined {
  if (!looseText(looseRecord(looseRecord(config).collector).endpoint)) return undefined;
  // Reports an earlier page could not deliver go now: the head script, which never holds one, does not look for them.
  if (pendingLeakReports().length) void consent()?.proof?.flush();
  return (report) => {
    storeLeakReport(report);
    void consent()?.proof?.flush();
  };
}
