/**
 * Judges what left the browser and what stayed on it: nothing before a choice
 * or after Reject all (R01–R03), nothing from Escape or a click beside the
 * banner (R12), withdrawal that stops and cleans up (R28), no synthetic
 * contact detail at a third party (R39), Global Privacy Control (R48).
 * Only hosts, cookies and keys classified `optional` can break a rule; what
 * is unknown is reported as undeclared (R40, check-inventory.ts).
 */
import type { CookieRecord, Finding, PassRecord, RequestRecord, Snapshot } from './audit-report.js';

const markAt = (pass: PassRecord, label: string): number | undefined => pass.marks.find((mark) => mark.label === label)?.at;
const snapshot = (pass: PassRecord, label: string): Snapshot | undefined => pass.snapshots.find((snap) => snap.label === label);

/** The evidence of a request: no query string, which may carry the visitor's data. */
export function requestEvidence(request: RequestRecord): Record<string, unknown> {
  const { origin, pathname } = new URL(request.url);
  return {
    host: request.host,
    url: `${origin}${pathname}`,
    type: request.type,
    initiator: request.initiator,
    afterLoad: request.afterLoad,
    sinceDecision: request.sinceDecision,
    category: request.classification.category,
    service: request.classification.service,
  };
}

/** The longer of the lifetime the browser keeps and the one the setter asked for (days; null = session). */
export function longestLifetime(cookie: CookieRecord): number | null {
  if (cookie.lifetimeDays === null) return cookie.requestedDays ?? null;
  return Math.max(cookie.lifetimeDays, cookie.requestedDays ?? 0);
}

/** The evidence of a cookie. */
export function cookieEvidence(cookie: CookieRecord): Record<string, unknown> {
  return {
    name: cookie.name,
    domain: cookie.domain,
    lifetimeDays: cookie.lifetimeDays,
    ...(cookie.requestedDays === undefined ? {} : { requestedDays: cookie.requestedDays }),
    setBy: cookie.setBy,
    category: cookie.classification.category,
    service: cookie.classification.service,
  };
}

const optional = <T extends { classification: { verdict: string } }>(items: readonly T[]): T[] => items.filter((item) => item.classification.verdict === 'optional');

/** One request per host and path: the evidence lists what went where, not every repeat. */
function distinct(requests: readonly RequestRecord[]): RequestRecord[] {
  const seen = new Set<string>();
  return requests.filter((request) => {
    const key = `${request.host}${new URL(request.url).pathname}`;
    return seen.has(key) ? false : (seen.add(key), true);
  });
}

const hostList = (requests: readonly RequestRecord[]): string => [...new Set(requests.map((request) => request.host))].sort().join(', ');
const cookieList = (cookies: readonly CookieRecord[]): string => [...new Set(cookies.map((cookie) => cookie.name))].sort().join(', ');

function lateNote(requests: readonly RequestRecord[]): string {
  return requests.some((request) => request.afterLoad) ? ' Some were added after the load event (R03: late-inserted tags).' : '';
}

/** Storage keys the config declares for a service that needs consent. */
function optionalKeys(snap: Snapshot | undefined, isOptional: (key: string) => boolean): string[] {
  if (!snap) return [];
  return snap.storage.flatMap((origin) => [...origin.localStorage, ...origin.sessionStorage].filter(isOptional).map((key) => `${origin.origin} ${key}`));
}

/** Findings of the first visit: before any choice (R01–R03), then after Escape and a click beside the banner (R12). */
export function checkFirstVisit(pass: PassRecord, isOptionalKey: (key: string) => boolean): Finding[] {
  if (pass.status === 'failed') return [];
  const findings: Finding[] = [];
  const escapeAt = markAt(pass, 'escape') ?? Number.POSITIVE_INFINITY;
  const early = distinct(optional(pass.requests.filter((request) => request.at < escapeAt)));
  if (early.length) {
    findings.push({ rule: 'R02', severity: 'must', pass: pass.id, message: `Before any choice, requests reached hosts that need consent: ${hostList(early)}.${lateNote(early)}`, evidence: early.map(requestEvidence) });
  }
  const before = snapshot(pass, 'before-choice');
  const stored = optional(before?.cookies ?? []);
  const keys = optionalKeys(before, isOptionalKey);
  if (stored.length || keys.length) {
    findings.push({ rule: 'R01', severity: 'must', pass: pass.id, message: `Before any choice, the browser holds what needs consent: ${[cookieList(stored), ...keys].filter(Boolean).join(', ')}.`, evidence: [...stored.map(cookieEvidence), ...keys.map((key) => ({ storage: key }))] });
  }
  const late = distinct(optional(pass.requests.filter((request) => request.at >= escapeAt)));
  const known = new Set(stored.map((cookie) => `${cookie.name}@${cookie.domain}`));
  const granted = ['after-escape', 'after-outside-click'].flatMap((label) => optional(snapshot(pass, label)?.cookies ?? [])).filter((cookie) => !known.has(`${cookie.name}@${cookie.domain}`));
  if (late.length || granted.length) {
    const what = [late.length ? `requests to ${hostList(late)}` : '', granted.length ? `cookies ${cookieList(granted)}` : ''].filter(Boolean).join(' and ');
    findings.push({ rule: 'R12', severity: 'must', pass: pass.id, message: `Escape or a click beside the banner was taken as consent: ${what} followed.`, evidence: [...late.map(requestEvidence), ...granted.map(cookieEvidence)] });
  }
  return findings;
}

/** Findings after Reject all, on every page visited (R01–R03). */
export function checkReject(pass: PassRecord, isOptionalKey: (key: string) => boolean): Finding[] {
  if (pass.status !== 'done') return [];
  const findings: Finding[] = [];
  const after = distinct(optional(pass.requests.filter((request) => (request.sinceDecision ?? -1) >= 0)));
  if (after.length) {
    findings.push({ rule: 'R02', severity: 'must', pass: pass.id, message: `After Reject all, requests reached hosts that need consent: ${hostList(after)}.${lateNote(after)}`, evidence: after.map(requestEvidence) });
  }
  const snaps = ['after-reject', 'end'].map((label) => snapshot(pass, label));
  const stored = dedupeCookies(snaps.flatMap((snap) => optional(snap?.cookies ?? [])));
  const keys = [...new Set(snaps.flatMap((snap) => optionalKeys(snap, isOptionalKey)))];
  if (stored.length || keys.length) {
    findings.push({ rule: 'R01', severity: 'must', pass: pass.id, message: `After Reject all, the browser holds what needs consent: ${[cookieList(stored), ...keys].filter(Boolean).join(', ')}.`, evidence: [...stored.map(cookieEvidence), ...keys.map((key) => ({ storage: key }))] });
  }
  return findings;
}

function dedupeCookies(cookies: readonly CookieRecord[]): CookieRecord[] {
  const seen = new Set<string>();
  return cookies.filter((cookie) => {
    const key = `${cookie.name}@${cookie.domain}${cookie.path}`;
    return seen.has(key) ? false : (seen.add(key), true);
  });
}

/** Findings of the withdrawal: requests after it, and cookies or keys it left (R28). */
export function checkWithdrawal(pass: PassRecord, isOptionalKey: (key: string) => boolean): Finding[] {
  if (pass.status !== 'done') return [];
  const findings: Finding[] = [];
  const after = distinct(optional(pass.requests.filter((request) => (request.sinceDecision ?? -1) >= 0)));
  if (after.length) {
    findings.push({ rule: 'R28', severity: 'must', pass: pass.id, message: `After withdrawal, requests still reached hosts that need consent: ${hostList(after)}.`, evidence: after.map(requestEvidence) });
  }
  const had = new Set(optional(snapshot(pass, 'before-withdrawal')?.cookies ?? []).map((cookie) => `${cookie.name}@${cookie.domain}`));
  const left = dedupeCookies(['after-withdrawal', 'end'].flatMap((label) => optional(snapshot(pass, label)?.cookies ?? [])));
  const firstParty = left.filter((cookie) => !cookie.thirdParty);
  const keys = [...new Set(['after-withdrawal', 'end'].flatMap((label) => optionalKeys(snapshot(pass, label), isOptionalKey)))];
  if (firstParty.length || keys.length) {
    const kept = firstParty.filter((cookie) => had.has(`${cookie.name}@${cookie.domain}`));
    findings.push({
      rule: 'R28',
      severity: 'must',
      pass: pass.id,
      message: `After withdrawal, the browser still holds what needs consent: ${[cookieList(firstParty), ...keys].filter(Boolean).join(', ')}${kept.length ? ` (${cookieList(kept)} kept from before)` : ''}.`,
      evidence: [...firstParty.map(cookieEvidence), ...keys.map((key) => ({ storage: key }))],
    });
  }
  const vendor = left.filter((cookie) => cookie.thirdParty);
  if (vendor.length) {
    findings.push({ rule: 'R28', severity: 'should', pass: pass.id, message: `After withdrawal, vendors' own cookies remain (${cookieList(vendor)}); the site cannot delete them, so tell the vendor (R29).`, evidence: vendor.map(cookieEvidence) });
  }
  return findings;
}

/** The synthetic identity at a third party after Accept all (R39). */
export function checkLeaks(pass: PassRecord): Finding[] {
  const leaks = pass.leaks ?? [];
  if (!leaks.length) return [];
  const hosts = [...new Set(leaks.map((leak) => leak.host))].join(', ');
  const how = [...new Set(leaks.map((leak) => `${leak.field} as ${leak.encoding}`))].join(', ');
  return [{ rule: 'R39', severity: 'must', pass: pass.id, message: `Contact details typed into a form reached a third party (${hosts}): ${how}.`, evidence: leaks.map(({ url, ...leak }) => ({ ...leak, url: url.split('?')[0] })) }];
}

/** Marketing after Accept all under Global Privacy Control (R48, a should). */
export function checkGpc(pass: PassRecord): Finding[] {
  if (pass.status !== 'done') return [];
  const requests = distinct(pass.requests.filter((request) => (request.sinceDecision ?? -1) >= 0 && request.classification.marketing));
  const cookies = (snapshot(pass, 'after-accept')?.cookies ?? []).filter((cookie) => cookie.classification.marketing);
  if (!requests.length && !cookies.length) return [];
  const what = [requests.length ? `requests to ${hostList(requests)}` : '', cookies.length ? `cookies ${cookieList(cookies)}` : ''].filter(Boolean).join(' and ');
  return [{ rule: 'R48', severity: 'should', pass: pass.id, message: `With Global Privacy Control on, Accept all still let marketing through: ${what}.`, evidence: [...requests.map(requestEvidence), ...cookies.map(cookieEvidence)] }];
}
