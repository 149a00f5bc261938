/**
 * Judges the consent interface and the decision cookie: Reject all on the
 * first layer, one click each (R05); equal prominence, measured from the
 * rendered boxes and computed styles (R06); each option once (R07); a way
 * back to the settings on every page (R26); the consent cookie's lifetime
 * (R20, R21) and content (R22).
 */
import { DEFAULT_RETENTION_DAYS, MAX_RETENTION_DAYS } from '../config/retention.js';
import type { ChoiceMeasure, ControlMeasure, CookieRecord, Finding, PassRecord } from './audit-report.js';
import { cookieEvidence, longestLifetime } from './check-traffic.js';

const BUTTON_LIKE = (control: ControlMeasure): boolean => control.tag === 'button' || control.role === 'button' || control.tag === 'input';

/**
 * How reject differs from accept. `must`: reject is less prominent (a link
 * beside a button, lower, more than 10 % narrower, smaller or lighter type,
 * other colours, fainter, or text contrast below 4.5:1). `should`: any other
 * difference (a few pixels of width from a longer label, another font family,
 * padding or border), which RULES R06 also asks to avoid.
 */
export function prominenceGaps(accept: ControlMeasure, reject: ControlMeasure): { must: string[]; should: string[] } {
  const must: string[] = [];
  const should: string[] = [];
  if (BUTTON_LIKE(accept) && !BUTTON_LIKE(reject)) must.push(`reject is a <${reject.tag}>, accept a button`);
  const [a, r] = [accept.box, reject.box];
  const px = (value: number): string => `${value.toFixed(1)}px`;
  if (r.height < a.height - 1) must.push(`height ${px(r.height)} vs ${px(a.height)}`);
  else if (Math.abs(a.height - r.height) > 1) should.push(`height ${px(r.height)} vs ${px(a.height)}`);
  if (r.width < a.width * 0.9) must.push(`width ${px(r.width)} vs ${px(a.width)}`);
  else if (Math.abs(a.width - r.width) > 1) should.push(`width ${px(r.width)} vs ${px(a.width)}`);
  const differs = (key: keyof ControlMeasure['style']): boolean => accept.style[key] !== reject.style[key];
  const says = (key: keyof ControlMeasure['style']): string => `${key} ${reject.style[key]} vs ${accept.style[key]}`;
  if (parseFloat(reject.style.fontSize) < parseFloat(accept.style.fontSize)) must.push(says('fontSize'));
  else if (differs('fontSize')) should.push(says('fontSize'));
  if (Number(reject.style.fontWeight) < Number(accept.style.fontWeight)) must.push(says('fontWeight'));
  else if (differs('fontWeight')) should.push(says('fontWeight'));
  for (const key of ['color', 'backgroundColor'] as const) if (differs(key)) must.push(says(key));
  if (Number(reject.style.opacity) < Number(accept.style.opacity)) must.push(says('opacity'));
  for (const key of ['fontFamily', 'padding', 'border'] as const) if (differs(key)) should.push(says(key));
  if (reject.contrast < 4.5) must.push(`reject text contrast ${reject.contrast}:1, below 4.5:1`);
  return { must, should };
}

/** Findings on the first layer (R05–R07), from the first visit's measurements. */
export function checkChoices(choices: ChoiceMeasure | undefined, pass: PassRecord): Finding[] {
  if (!choices?.accept) return [];
  const findings: Finding[] = [];
  const { accept, reject } = choices;
  if (!reject) {
    findings.push({ rule: 'R05', severity: 'must', pass: pass.id, message: `The first layer offers "${accept.text}" but no visible Reject all next to it.`, evidence: [{ accept }] });
  } else if (!reject.inViewport || !accept.inViewport) {
    findings.push({ rule: 'R05', severity: 'must', pass: pass.id, message: 'Reject all and Accept all are not both visible without scrolling.', evidence: [{ accept, reject }] });
  }
  if (reject) {
    const gaps = prominenceGaps(accept, reject);
    if (gaps.must.length) findings.push({ rule: 'R06', severity: 'must', pass: pass.id, message: `"${reject.text}" is less prominent than "${accept.text}": ${[...gaps.must, ...gaps.should].join('; ')}.`, evidence: [{ accept, reject }] });
    else if (gaps.should.length) findings.push({ rule: 'R06', severity: 'should', pass: pass.id, message: `"${reject.text}" and "${accept.text}" are not styled alike: ${gaps.should.join('; ')}.`, evidence: [{ accept, reject }] });
  }
  if (choices.acceptCount > 1 || choices.rejectCount > 1 || choices.otherAcceptLike.length) {
    const what = [choices.acceptCount > 1 ? `${choices.acceptCount} accept controls` : '', choices.rejectCount > 1 ? `${choices.rejectCount} reject controls` : '', ...choices.otherAcceptLike.map((text) => `another accepting control "${text}"`)].filter(Boolean);
    findings.push({ rule: 'R07', severity: 'must', pass: pass.id, message: `An option is offered more than once: ${what.join(', ')}.`, evidence: [{ acceptCount: choices.acceptCount, rejectCount: choices.rejectCount, otherAcceptLike: choices.otherAcceptLike }] });
  }
  return findings;
}

/** One click decides: the choice's control is gone after the click (R05). */
export function checkOneClick(pass: PassRecord): Finding[] {
  if (pass.status !== 'done' || !pass.stayedOpen) return [];
  const which = pass.id === 'reject' ? 'Reject all' : 'Accept all';
  return [{ rule: 'R05', severity: 'must', pass: pass.id, message: `One click on ${which} did not close the banner.`, evidence: [] }];
}

/** A settings entry on every page visited after a decision (R26). */
export function checkSettingsEntry(pass: PassRecord): Finding[] {
  const missing = pass.pages.filter((page) => page.settingsEntry === false);
  if (!missing.length) return [];
  return [{ rule: 'R26', severity: 'must', pass: pass.id, message: `No visible way back to the cookie settings on ${missing.map((page) => new URL(page.url).pathname).join(', ')}.`, evidence: missing }];
}

/** The names of the cookies that hold the decision. */
export function consentCookieNames(passes: readonly PassRecord[], given: string | null): string[] {
  if (given) return [given];
  const before = new Set(passes.find((pass) => pass.id === 'first-visit')?.snapshots.find((snap) => snap.label === 'before-choice')?.cookies.map((cookie) => cookie.name));
  const refusal = passes.find((pass) => pass.id === 'reject')?.snapshots.find((snap) => snap.label === 'after-reject')?.cookies ?? [];
  // What a refusal leaves that a first visit did not have is the memory of the refusal.
  return [...new Set(refusal.filter((cookie) => !cookie.thirdParty && cookie.classification.verdict !== 'optional' && !before.has(cookie.name)).map((cookie) => cookie.name))];
}

/** The consent cookie's lifetime (R20, R21) and content (R22), after Reject all and after Accept all. */
export function checkConsentCookie(passes: readonly PassRecord[], names: readonly string[], https: boolean): Finding[] {
  if (!names.length) return [];
  const cookies: CookieRecord[] = [];
  for (const pass of passes.filter((p) => p.id === 'reject' || p.id === 'accept')) {
    const snap = pass.snapshots.find((s) => s.label === `after-${pass.id}`);
    for (const cookie of snap?.cookies ?? []) {
      if (!names.includes(cookie.name)) continue;
      const seen = cookies.findIndex((other) => other.name === cookie.name);
      if (seen < 0) cookies.push(cookie);
      else if ((longestLifetime(cookie) ?? -1) > (longestLifetime(cookies[seen]!) ?? -1)) cookies[seen] = cookie;
    }
  }
  const findings: Finding[] = [];
  const days = (cookie: CookieRecord): string => `${cookie.name} lasts ${Math.round(longestLifetime(cookie) ?? 0)} days`;
  const tooLong = cookies.filter((cookie) => (longestLifetime(cookie) ?? 0) > MAX_RETENTION_DAYS + 1);
  const long = cookies.filter((cookie) => !tooLong.includes(cookie) && (longestLifetime(cookie) ?? 0) > DEFAULT_RETENTION_DAYS + 1);
  const session = cookies.filter((cookie) => longestLifetime(cookie) === null);
  if (tooLong.length) findings.push({ rule: 'R21', severity: 'must', pass: 'all', message: `The consent cookie ${tooLong.map(days).join(', ')}: a decision may be kept at most 13 months (${MAX_RETENTION_DAYS} days).`, evidence: tooLong.map(cookieEvidence) });
  if (long.length) findings.push({ rule: 'R21', severity: 'should', pass: 'all', message: `The consent cookie ${long.map(days).join(', ')}: 6 months (${DEFAULT_RETENTION_DAYS} days) is the recommended renewal.`, evidence: long.map(cookieEvidence) });
  if (long.length) findings.push({ rule: 'R21', severity: 'should', pass: 'all', message: `The consent cookie ${long.map((c) => `${c.name} lasts ${Math.round(c.lifetimeDays ?? 0)} days`).join(', ')}: 6 months (${DEFAULT_RETENTION_DAYS} days) is the recommended renewal.`, evidence: long.map(cookieEvidence) });
  if (session.length) findings.push({ rule: 'R20', severity: 'should', pass: 'all', message: `The consent cookie ${session.map((c) => c.name).join(', ')} ends with the browser session, so a refusal is asked again.`, evidence: session.map(cookieEvidence) });
  const personal = cookies.filter((cookie) => cookie.looksPersonal);
  if (personal.length) findings.push({ rule: 'R22', severity: 'must', pass: 'all', message: `The consent cookie ${personal.map((c) => c.name).join(', ')} holds what looks like an e-mail or IP address.`, evidence: personal.map(cookieEvidence) });
  const heavy = cookies.filter((cookie) => cookie.size > 512 || cookie.sameSite === 'None' || cookie.thirdParty || (https && !cookie.secure));
  if (heavy.length) {
    const why = (c: CookieRecord): string => [c.size > 512 ? `${c.size} bytes` : '', c.sameSite === 'None' ? 'SameSite=None' : '', c.thirdParty ? 'third-party' : '', https && !c.secure ? 'not Secure' : ''].filter(Boolean).join(', ');
    findings.push({ rule: 'R22', severity: 'should', pass: 'all', message: `The consent cookie is not minimal: ${heavy.map((c) => `${c.name} (${why(c)})`).join('; ')}.`, evidence: heavy.map((c) => ({ ...cookieEvidence(c), size: c.size, sameSite: c.sameSite, secure: c.secure })) });
  }
  return findings;
}
