// Each fixture page breaks one rule; a full audit must find exactly that rule among its
// must findings (and a compliant page none), with a positive control in every run: after
// Accept all the fake trackers were reached, so "nothing found" means nothing happened.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { runAudit } from '../../dist/collector/audit/run-audit.js';
import { startFixtureServer } from './helpers/fixture-server.mjs';

const SELECTORS = { accept: '#accept', reject: '#reject, #prefs-reject', settings: '#cmp-settings' };
const mustRules = (report) => [...new Set(report.findings.filter((f) => f.severity === 'must').map((f) => f.rule))].sort();
const pass = (report, id) => report.passes.find((p) => p.id === id);

/** The accept pass reached a tracker: the recorder saw what the page sent. */
function assertPositiveControl(report) {
  const accepted = pass(report, 'accept');
  assert.equal(accepted.status, 'done', accepted.note);
  assert.ok(accepted.requests.some((r) => r.host === 'analytics.localhost' && r.classification.verdict === 'optional' && r.sinceDecision >= 0), 'Accept all reached analytics.localhost');
  const cookies = accepted.snapshots.find((s) => s.label === 'after-accept').cookies;
  const ga = cookies.find((c) => c.name === '_ga');
  assert.ok(ga, '_ga was set after Accept all');
  assert.equal(ga.setBy?.kind, 'script');
  assert.match(ga.setBy.url, /^http:\/\/analytics\.localhost:\d+\/a\.js/, 'who set _ga');
}

let server;
before(async () => {
  server = await startFixtureServer();
});
after(() => server.close());

const CASES = [
  ['compliant', [], 'nothing'],
  ['tracker-before-consent', ['R02'], /Before any choice, requests reached hosts that need consent: pixel\.localhost/],
  ['late-tag-before-consent', ['R02'], /added after the load event \(R03/],
  ['reject-smaller-greyer', ['R06'], /less prominent.*fontSize 13px vs 16px.*contrast/],
  ['reject-second-layer', ['R05'], /no visible Reject all/],
  ['accept-offered-twice', ['R07'], /another accepting control "OK, got it"/],
  ['escape-grants', ['R12'], /Escape or a click beside the banner was taken as consent/],
  ['consent-cookie-two-years', ['R21'], /fixture_consent lasts 730 days/],
  ['no-settings-entry', ['R26'], /No visible way back to the cookie settings on \/no-settings-entry\.html/],
  ['withdrawal-keeps-cookie', ['R28'], /_fbp, _ga kept from before/],
  ['pixel-hashed-email', ['R39'], /pixel\.localhost.*email as normalised\+sha256/],
  ['gpc-ignored', [], /With Global Privacy Control on, Accept all still let marketing through: requests to pixel\.localhost/],
];

describe('fixture pages', { concurrency: 3 }, () => {
  for (const [name, rules, message] of CASES) {
    test(`${name}: ${rules.length ? `exactly ${rules.join(', ')}` : 'no'} must finding`, async () => {
      const report = await runAudit({ url: `${server.base}/${name}.html`, ...SELECTORS, pages: 1, waitMs: 3000 });
      assert.deepEqual(report.summary.failedPasses, [], JSON.stringify(report.passes.map((p) => [p.id, p.status, p.note])));
      assert.deepEqual(mustRules(report), rules, JSON.stringify(report.findings, null, 1));
      assertPositiveControl(report);
      if (name === 'compliant') assert.deepEqual(report.findings, [], 'a compliant page has no finding at all');
      else assert.ok(report.findings.some((f) => message.test(f.message)), `a finding says ${message}: ${JSON.stringify(report.findings.map((f) => f.message))}`);
      if (name === 'gpc-ignored') assert.deepEqual(report.findings.map((f) => `${f.rule} ${f.severity}`), ['R48 should']);
      if (name === 'compliant') {
        // The refusal's cookie is found as the consent cookie, and the first layer was measured.
        assert.equal(report.consentCookie, 'fixture_consent');
        const { accept, reject } = pass(report, 'first-visit').choices;
        assert.equal(accept.text, 'Accept all');
        assert.equal(reject.text, 'Reject all');
        assert.deepEqual(accept.box.width, reject.box.width);
      }
    });
  }

  test('vanilla-cookieconsent, audited through selectors', async () => {
    const report = await runAudit({
      url: `${server.base}/vanilla-cookieconsent.html`,
      accept: '#cc-main .cm__btn[data-role="all"]',
      reject: '#cc-main .cm__btn[data-role="necessary"], #cc-main .pm__btn[data-role="necessary"]',
      settings: '[data-cc="show-preferencesModal"]',
      pages: 1,
      waitMs: 3000,
    });
    assert.equal(report.controls, 'selectors');
    assert.deepEqual(report.passes.map((p) => `${p.id}:${p.status}`), ['first-visit:done', 'reject:done', 'accept:done', 'withdraw:done', 'gpc:done'], JSON.stringify(report.passes.map((p) => p.note)));
    // Without a samtycke config, the Open Cookie Database classifies _ga and _fbp.
    const accepted = pass(report, 'accept').snapshots.find((s) => s.label === 'after-accept').cookies;
    assert.deepEqual(accepted.filter((c) => c.classification.verdict === 'optional').map((c) => `${c.name}:${c.classification.source}:${c.classification.category}`).sort(), ['_fbp:open-cookie-database:Marketing', '_ga:open-cookie-database:Analytics']);
    assert.equal(report.consentCookie, 'cc_cookie');
    // Nothing before a choice, after Reject all or after withdrawal; GPC is not one of its features.
    assert.deepEqual(mustRules(report), [], JSON.stringify(report.findings, null, 1));
    assert.ok(report.findings.some((f) => f.rule === 'R48' && f.severity === 'should'));
    assert.ok(report.findings.some((f) => f.rule === 'R40' && /analytics\.localhost/.test(f.message)), 'its trackers are undeclared third parties');
  });
});
