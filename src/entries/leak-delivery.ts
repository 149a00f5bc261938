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
 * Asks the consent object's sender to send what is due. The head's consent object gets its
 * sender once the config is validated (a chunk away on a first visit): until then, ask again
 * every half second, for at most 30 seconds; what is stored waits for a later page after that.
 */
function flushWhenReady(consent: () => Pick<Consent, 'proof'> | undefined, tries = 0): void {
  const proof = consent()?.proof;
  if (proof) void proof.flush();
  else if (tries < 60) setTimeout(() => flushWhenReady(consent, tries + 1), 500);
}

/**
 * Queues reports for the collector of `config`, when it has one; `undefined` otherwise (the
 * incident then stays in the page). Each report is stored at once, then sent by the consent
 * object's proof sender; reports an earlier page could not deliver are sent now too (the head
 * script, which never holds one, does not look for them).
 */
export function queueReports(config: unknown, consent: () => Pick<Consent, 'proof'> | undefined): ((report: LeakReport) => void) | undefined {
  if (!looseText(looseRecord(looseRecord(config).collector).endpoint)) return undefined;
  if (pendingLeakReports().length) flushWhenReady(consent);
  return (report) => {
    storeLeakReport(report);
    flushWhenReady(consent);
  };
}
