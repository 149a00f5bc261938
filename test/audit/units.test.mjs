// The audit's pure parts: classification, the synthetic identity's encodings, equal weight,
// the lenient config reader, drift, the requested cookie lifetime and the HTML report's escaping.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { checkChoices, checkConsentCookie, prominenceGaps } from '../../dist/collector/audit/check-choices.js';
import { checkDrift } from '../../dist/collector/audit/check-inventory.js';
import { createClassifier } from '../../dist/collector/audit/classify.js';
import { lookupCookie, lookupHost } from '../../dist/collector/audit/cookie-database.js';
import { escapeHtml, renderHtmlReport } from '../../dist/collector/audit/html-report.js';
import { requestedDays } from '../../dist/collector/audit/page-recorder.js';
import { readDeclarations } from '../../dist/collector/audit/site-config.js';
import { isThirdParty, siteOf } from '../../dist/collector/audit/site-of.js';
import { createIdentity, findLeaks, needlesFor } from '../../dist/collector/audit/synthetic-identity.js';

const demoConfig = JSON.parse(readFileSync(new URL('../../demo/samtycke-config.json', import.meta.url), 'utf8'));

test('sites: registrable domains as browsers see them', () => {
  assert.equal(siteOf('www.example.co.uk'), 'example.co.uk');
  assert.equal(isThirdParty('cdn.shop.example.com', 'www.shop.example.com'), false);
  assert.equal(isThirdParty('analytics.localhost', 'localhost'), true);
  assert.equal(isThirdParty('www.google-analytics.com', 'shop.example'), true);
});

test('classification: the config first, then the Open Cookie Database, the own site necessary', () => {
  const classify = createClassifier(readDeclarations(demoConfig), 'localhost');
  assert.deepEqual(classify.host('analytics.localhost'), { verdict: 'optional', source: 'config', category: 'analytics', service: 'ga4', marketing: false });
  assert.equal(classify.host('pixel.localhost').marketing, true);
  assert.equal(classify.host('localhost').verdict, 'necessary');
  assert.equal(classify.host('unknown.example').verdict, 'unknown');
  assert.equal(classify.host('stats.g.doubleclick.net').verdict, 'optional', 'a known ad host, by the database');
  assert.equal(classify.cookie('_ga_ABC123', 'localhost').service, 'ga4', 'a glob of the config');
  assert.equal(classify.cookie('samtycke', 'localhost').source, 'consent-cookie');
  assert.equal(classify.cookie('demo_browser', 'localhost').verdict, 'necessary');
  assert.deepEqual(classify.cookie('_gid', '.example.com'), { verdict: 'optional', source: 'open-cookie-database', category: 'Analytics', service: 'Google Analytics', marketing: false });
  assert.equal(classify.cookie('never-heard-of-it', 'localhost').verdict, 'unknown');
  assert.equal(lookupCookie('_fbp', '.example.com')?.category, 'Marketing');
  assert.equal(lookupHost('localhost'), null);
});

test('a malformed config is read as far as it goes, naming what was skipped', () => {
  const read = readDeclarations({ categories: [{ id: 'analytics', services: [{ id: 'x', hosts: 'a.example', cookies: ['_a', 3] }, { nope: 1 }] }, 'junk'], retention: 'soon' });
  assert.deepEqual(read.categories[0].services, [{ id: 'x', hosts: [], cookies: ['_a'], storage: [] }]);
  assert.deepEqual(read.problems, ['categories[0].services[0].hosts: not a list', 'categories[0].services[0].cookies[1]: not a name', 'categories[0].services[1]: no id', 'categories[1]: no id', 'retention: unreadable']);
  assert.equal(readDeclarations('not an object').problems[0], 'the config is not a JSON object');
});

test('the synthetic identity is found plain, URL-encoded, base64 and hashed, and nowhere else', () => {
  const identity = createIdentity();
  assert.notEqual(identity.email, createIdentity().email, 'unique per run');
  const needles = needlesFor(identity);
  const normal = identity.email.trim().toLowerCase();
  const find = (url, body = '') => findLeaks({ url, body, referer: '' }, 'pixel.test', needles).map((leak) => `${leak.field}:${leak.encoding}:${leak.where}`);
  assert.deepEqual(find(`https://pixel.test/tr?em=${createHash('sha256').update(normal).digest('hex')}`), ['email:normalised+sha256:url']);
  assert.deepEqual(find(`https://pixel.test/tr?em=${createHash('md5').update(normal).digest('hex').toUpperCase()}`), ['email:normalised+md5:url'], 'hex in any case');
  assert.deepEqual(find('https://pixel.test/tr', `ud=${Buffer.from(normal).toString('base64')}`), ['email:normalised+base64:body']);
  assert.deepEqual(find(`https://pixel.test/tr?e=${encodeURIComponent(identity.email)}`), ['email:plain:url']);
  const digits = identity.phone.replace(/\D/g, '');
  assert.deepEqual(find(`https://pixel.test/tr?ph=${createHash('sha256').update(`46${digits.slice(1)}`).digest('hex')}`), ['phone:e164-digits+sha256:url']);
  assert.deepEqual(find('https://pixel.test/tr?ev=PageView&id=1'), []);
});

const control = (overrides = {}) => ({
  text: 'Accept all', tag: 'button', role: null, box: { x: 0, y: 0, width: 120, height: 40 }, inViewport: true, contrast: 9,
  style: { fontSize: '16px', fontWeight: '600', fontFamily: 'system-ui', color: 'rgb(255, 255, 255)', backgroundColor: 'rgb(29, 59, 102)', padding: '8px 16px', border: '2px solid rgb(29, 59, 102)', opacity: '1' },
  ...overrides,
});

test('equal weight: less prominent is a must, merely different a should', () => {
  assert.deepEqual(prominenceGaps(control(), control({ text: 'Reject all' })), { must: [], should: [] });
  assert.deepEqual(prominenceGaps(control(), control({ box: { x: 0, y: 0, width: 114, height: 40 } })), { must: [], should: ['width 114.0px vs 120.0px'] });
  const weak = prominenceGaps(control(), control({ tag: 'a', contrast: 3, box: { x: 0, y: 0, width: 100, height: 30 }, style: { ...control().style, fontSize: '12px', color: 'rgb(120, 120, 120)' } }));
  assert.deepEqual(weak.must, ['reject is a <a>, accept a button', 'height 30.0px vs 40.0px', 'width 100.0px vs 120.0px', 'fontSize 12px vs 16px', 'color rgb(120, 120, 120) vs rgb(255, 255, 255)', 'reject text contrast 3:1, below 4.5:1']);
});

test('the lifetime a cookie write asks for', () => {
  assert.equal(requestedDays('_ga=1; Path=/; Max-Age=63072000'), 730);
  assert.equal(requestedDays('a=1; expires=Thu, 01 Jan 2099 00:00:00 GMT', Date.parse('2098-12-31T00:00:00Z')), 1);
  assert.equal(requestedDays('a=1; Path=/'), null);
});

test('drift: new hosts and cookies since a saved report; a file that is no report is refused', () => {
  const passes = [{ id: 'accept', requests: [{ host: 'new.example' }, { host: 'localhost' }], snapshots: [{ cookies: [{ name: '_x', domain: 'localhost' }] }] }];
  const [finding] = checkDrift(passes, { summary: { hosts: ['localhost'], cookies: [] } });
  assert.equal(finding.rule, 'R40');
  assert.equal(finding.message, 'New since the baseline: hosts new.example; cookies _x@localhost.');
  assert.deepEqual(checkDrift(passes, { summary: { hosts: ['localhost', 'new.example'], cookies: ['_x@localhost'] } }), []);
  assert.throws(() => checkDrift(passes, { passes: [] }), /not a report of samtycke audit --json/);
});

test('the HTML report escapes everything the site sent', () => {
  assert.equal(escapeHtml('<img src=x onerror="a()">'), '&#60;img src=x onerror=&#34;a()&#34;&#62;');
  const hostile = '<script>alert(1)</script>';
  const html = renderHtmlReport({
    format: 1, url: 'http://localhost/', startedAt: 0, durationMs: 1, controls: 'none', config: { source: 'none', problems: [] }, consentCookie: null,
    passes: [{ id: 'first-visit', status: 'done', startedAt: 0, durationMs: 1, decisionAt: null, marks: [], pages: [], screenshots: [],
      requests: [{ url: `http://x.example/${encodeURIComponent(hostile)}`, host: 'x.example', method: 'GET', type: 'script', at: 0, sinceDecision: null, afterLoad: false, thirdParty: true, classification: { verdict: 'unknown', source: 'none', marketing: false } }],
      snapshots: [{ label: 'before-choice', at: 0, page: 'http://localhost/', storage: [{ origin: 'http://localhost', localStorage: [hostile], sessionStorage: [], indexedDB: [] }],
        cookies: [{ name: hostile, domain: 'localhost', path: '/', expires: null, lifetimeDays: null, size: 1, httpOnly: false, secure: false, sameSite: 'Lax', thirdParty: false, looksPersonal: false, classification: { verdict: 'unknown', source: 'none', marketing: false } }] }] }],
    findings: [{ rule: 'R40', severity: 'should', pass: 'all', message: hostile, evidence: [] }],
    summary: { must: 0, should: 1, failedPasses: [], hosts: [], cookies: [] },
  });
  assert.doesNotMatch(html, /<script>alert/);
  assert.match(html, /&#60;script&#62;alert\(1\)&#60;\/script&#62;/);
});

test('the committed cookie table is what scripts/build-cookie-table.mjs writes', async () => {
  const { CATEGORIES, formatCookieTable } = await import('../../scripts/build-cookie-table.mjs');
  const text = readFileSync(new URL('../../src/audit/open-cookie-database.json', import.meta.url), 'utf8');
  const table = JSON.parse(text);
  // Re-formatting reproduces the file byte for byte: it was generated, not edited by hand.
  assert.equal(formatCookieTable(table), text);
  assert.deepEqual(table.categories, CATEGORIES);
  assert.match(table.sha256, /^[0-9a-f]{64}$/);
  assert.ok(table.cookies.length > 2000, `${table.cookies.length} rows`);
  for (const [name, category, platform, prefix, domains] of table.cookies) {
    assert.ok(name && table.categories[category] && table.platforms[platform] && (prefix === 0 || prefix === 1) && Array.isArray(domains), JSON.stringify([name, category, platform]));
  }
  const names = table.cookies.map((row) => row[0]);
  assert.deepEqual(names, [...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
});

test('the first layer: an accept offered twice (R07), choices below the fold (R05)', () => {
  const pass = { id: 'first-visit' };
  const twice = checkChoices({ accept: control(), reject: control({ text: 'Reject all' }), acceptCount: 1, rejectCount: 1, otherAcceptLike: ['OK, got it'] }, pass);
  assert.deepEqual(twice.map((f) => `${f.rule} ${f.severity} ${f.message}`), ['R07 must An option is offered more than once: another accepting control "OK, got it".']);
  const below = checkChoices({ accept: control(), reject: control({ text: 'Reject all', inViewport: false }), acceptCount: 1, rejectCount: 2, otherAcceptLike: [] }, pass);
  assert.deepEqual(below.map((f) => f.rule), ['R05', 'R07']);
  assert.deepEqual(checkChoices({ accept: null, reject: null, acceptCount: 0, rejectCount: 0, otherAcceptLike: [] }, pass), [], 'no banner: nothing to judge here');
});

test('the consent cookie: personal data (R22 must), session only (R20), size and flags (R22 should)', () => {
  const cookie = (overrides) => ({ name: 'cmp', domain: 'shop.example', path: '/', expires: null, lifetimeDays: 100, size: 60, httpOnly: false, secure: true, sameSite: 'Lax', thirdParty: false, looksPersonal: false, classification: { verdict: 'necessary', source: 'none', marketing: false }, ...overrides });
  const passes = (cmp) => [{ id: 'reject', snapshots: [{ label: 'after-reject', cookies: [cmp] }] }, { id: 'accept', snapshots: [{ label: 'after-accept', cookies: [] }] }];
  assert.deepEqual(checkConsentCookie(passes(cookie()), ['cmp'], true), []);
  assert.deepEqual(checkConsentCookie(passes(cookie({ looksPersonal: true })), ['cmp'], true).map((f) => `${f.rule} ${f.severity}`), ['R22 must']);
  assert.deepEqual(checkConsentCookie(passes(cookie({ lifetimeDays: null })), ['cmp'], true).map((f) => `${f.rule} ${f.severity}`), ['R20 should']);
  const heavy = checkConsentCookie(passes(cookie({ size: 900, sameSite: 'None', secure: false })), ['cmp'], true);
  assert.deepEqual(heavy.map((f) => f.message), ['The consent cookie is not minimal: cmp (900 bytes, SameSite=None, not Secure).']);
  assert.deepEqual(checkConsentCookie(passes(cookie({ lifetimeDays: 400, requestedDays: 730 })), ['cmp'], true).map((f) => f.message), ['The consent cookie cmp lasts 730 days: a decision may be kept at most 13 months (395 days).']);
});
