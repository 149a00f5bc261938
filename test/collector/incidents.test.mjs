// The incident register on both stores: grouping into incidents, deadlines, status rules, the
// append-only log and what verify finds when it is tampered with, the admin pages and exports.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { createCollector } from '../../dist/collector/collector/collector.js';
import { verifyRegister } from '../../dist/collector/collector/verify-register.js';
import { BACKENDS } from './helpers/backends.mjs';
import { makeReport, postLeaks, runCli } from './helpers/fixtures.mjs';

const TOKEN = 'test-admin-token';
const bearer = { authorization: `Bearer ${TOKEN}` };
const HOUR = 3_600_000;

for (const backend of BACKENDS) {
  describe(`incident register on ${backend.name}`, { skip: backend.skip }, () => {
    let db;
    let collector;
    let base;
    let clock = new Date('2026-11-02T09:00:00.000Z');

    before(async () => {
      db = await backend.create();
      collector = createCollector({
        store: db.store,
        adminToken: TOKEN,
        rateLimit: false,
        retentionIntervalMs: 0,
        incidents: { controller: 'Exempel AB', contact: 'dpo@exempel.se' },
        now: () => clock,
        log: () => {},
      });
      base = `http://127.0.0.1:${await collector.start(0)}`;
    });
    after(async () => {
      await collector?.close();
      await db?.dispose();
    });

    const api = async (path, init = {}) => {
      const response = await fetch(`${base}${path}`, { ...init, headers: { ...bearer, ...init.headers } });
      return { status: response.status, body: await response.json() };
    };
    const incidentsOf = async (host) => (await api('/v1/incidents')).body.incidents.filter((incident) => incident.host === host);
    const change = (id, body) => api(`/v1/incidents/${id}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

    test('reports of one vendor and kind of data make one incident; visitors are counted by consent id', async () => {
      const host = 'pixel.one.example';
      const visitors = Array.from({ length: 12 }, () => randomUUID());
      // Each visitor leaks twice (SHA-256 and plain, two pages); three reports come without a decision.
      const reports = visitors.flatMap((consentId) => [
        makeReport({ host, consentId, encoding: 'sha256' }),
        makeReport({ host, consentId, form: 'raw', encoding: 'plain', page: 'https://shop.example/checkout', blocked: true }),
      ]);
      reports.push(...Array.from({ length: 3 }, () => makeReport({ host, consentId: null, decided: false, granted: false })));
      const first = await postLeaks(base, { records: reports.slice(0, 10) });
      assert.equal(first.status, 200, first.text);
      assert.equal((await postLeaks(base, { records: reports.slice(10) })).status, 200);
      // Idempotent: a report sent again (a beacon and a retry) is acknowledged, not counted twice.
      const again = await postLeaks(base, reports.slice(0, 3));
      assert.deepEqual(again.body.duplicates, reports.slice(0, 3).map((report) => report.recordId));

      const [incident, ...more] = await incidentsOf(host);
      assert.equal(more.length, 0, 'one incident');
      assert.equal(new Set(first.body.incidents.map((entry) => entry.incidentId)).size, 1);
      assert.equal(incident.occurrences, 27);
      assert.equal(incident.visitors, 12);
      assert.equal(incident.withoutConsentId, 3);
      assert.equal(incident.blocked, 12);
      assert.equal(incident.status, 'open');
      assert.equal(incident.detectedAt, clock.toISOString(), 'detected when the first report was received');
      assert.equal(incident.deadlines.gdpr, new Date(clock.getTime() + 72 * HOUR).toISOString());
      assert.equal(incident.deadlines.ptsInitial, undefined, 'no PTS deadline for an ordinary site');

      // Another kind of data, another host, another service: each its own incident.
      await postLeaks(base, [makeReport({ host, fieldKind: 'phone', field: 'tel' }), makeReport({ host: 'ads.two.example', service: 'ads' })]);
      assert.equal((await incidentsOf(host)).length, 2);
      assert.equal((await incidentsOf('ads.two.example')).length, 1);
      assert.deepEqual(await verifyRegister(db.store.incidents), { ok: true, entries: 27 + 1 + 2 + 2, incidents: (await api('/v1/incidents')).body.incidents.length });
    });

    test('reports and changes arriving at once still make one incident and one history', async () => {
      const host = 'burst.example';
      const answers = await Promise.all(Array.from({ length: 10 }, () => postLeaks(base, [makeReport({ host })])));
      assert.deepEqual(answers.map((answer) => answer.status), Array(10).fill(200));
      const [incident, ...more] = await incidentsOf(host);
      assert.equal(more.length, 0, 'one incident, not one per request');
      assert.equal(incident.visitors, 10);
      await change(incident.id, { action: 'assessment', severity: 'no-risk', by: 'Anna' });
      const moves = await Promise.all([change(incident.id, { action: 'status', to: 'assessed', by: 'Anna' }), change(incident.id, { action: 'status', to: 'assessed', by: 'Bo' })]);
      assert.deepEqual(moves.map((move) => move.status).sort(), [200, 409], 'the second sees the first');
      assert.equal((await verifyRegister(db.store.incidents)).ok, true);
    });

    test('a browser clock ahead of the server never moves the occurrence past its receipt', async () => {
      const host = 'clock.example';
      await postLeaks(base, [makeReport({ host, detectedAt: '2030-01-01T00:00:00.000Z' }), makeReport({ host, detectedAt: '2026-11-01T08:00:00.000Z' })]);
      const [incident] = await incidentsOf(host);
      assert.equal(incident.lastSeen, clock.toISOString());
      assert.equal(incident.firstSeen, '2026-11-01T08:00:00.000Z');
    });

    test('PTS deadlines for a provider of public electronic communications services (operatorType "ecs")', async () => {
      await postLeaks(base, [makeReport({ host: 'telco.example', operatorType: 'ecs' })]);
      const [incident] = await incidentsOf('telco.example');
      const at = Date.parse(incident.detectedAt);
      assert.equal(Date.parse(incident.deadlines.ptsInitial) - at, 24 * HOUR);
      assert.equal(Date.parse(incident.deadlines.ptsFull) - at, 72 * HOUR);
      assert.equal(Date.parse(incident.deadlines.gdpr) - at, 72 * HOUR);
    });

    test('refuses reports that carry personal data or unknown fields, naming them', async () => {
      const leaky = await postLeaks(base, [makeReport({ field: 'anna@example.se' })]);
      assert.equal(leaky.status, 400);
      assert.match(leaky.body.message, /field/);
      const extra = await postLeaks(base, [{ ...makeReport(), value: 'secret' }]);
      assert.equal(extra.status, 400);
      assert.match(extra.body.message, /unknown field: value/);
      const query = await postLeaks(base, [makeReport({ page: 'https://shop.example/?email=x' })]);
      assert.equal(query.status, 400);
      // The receiving server's own address is no visitor's: a vendor reached by IP is still recorded.
      assert.equal((await postLeaks(base, [makeReport({ host: '203.0.113.7', service: null, category: null, granted: null })])).status, 200);
    });

    test('status moves forward only, after an assessment; every change is in the register with who made it', async () => {
      await postLeaks(base, [makeReport({ host: 'status.example' })]);
      const [incident] = await incidentsOf('status.example');
      const early = await change(incident.id, { action: 'status', to: 'notified', by: 'Anna' });
      assert.equal(early.status, 409);
      assert.match(early.body.message, /assessment first/);
      const assessed = await change(incident.id, { action: 'assessment', severity: 'risk', consequences: 'Profiling by the recipient.', notifyAuthority: true, notifyPeople: false, reasons: 'Hashed e-mail is matchable.', by: 'Anna' });
      assert.equal(assessed.status, 200);
      assert.equal((await change(incident.id, { action: 'measure', stage: 'taken', text: 'Advanced matching switched off in the vendor tool.', by: 'Bo' })).status, 200);
      assert.equal((await change(incident.id, { action: 'status', to: 'notified', note: 'IMY case 2026-123', by: 'Anna' })).status, 200);
      const back = await change(incident.id, { action: 'status', to: 'assessed', by: 'Anna' });
      assert.equal(back.status, 409);
      assert.equal((await change(incident.id, { action: 'status', to: 'closed', by: 'Anna' })).status, 200);
      assert.equal((await change(incident.id, { action: 'measure', stage: 'planned', text: 'x', by: 'Anna' })).status, 409, 'closed is final');

      const { body } = await api(`/v1/incidents/${incident.id}`);
      const changes = body.entries.filter((entry) => entry.entry !== 'report');
      assert.deepEqual(changes.map((entry) => [entry.entry, entry.actor]), [['opened', 'collector'], ['assessment', 'Anna'], ['measure', 'Bo'], ['status', 'Anna'], ['status', 'Anna']]);
      const assessment = changes[1];
      assert.equal(assessment.unintelligible, false);
      assert.match(assessment.unintelligibleReason, /unkeyed hash .* not unintelligible/, 'R43: hashing does not exempt');
      assert.equal(body.incident.closedAt, clock.toISOString());

      // A report after closing opens a new incident for the same vendor and data.
      await postLeaks(base, [makeReport({ host: 'status.example' })]);
      const all = await incidentsOf('status.example');
      assert.equal(all.length, 2);
      assert.deepEqual(all.map((item) => item.status).sort(), ['closed', 'open']);
    });

    test('exports carry what IMY and PTS ask for', async () => {
      await postLeaks(base, [makeReport({ host: 'export.example', consentId: null }), makeReport({ host: 'export.example', blocked: true })]);
      const [incident] = await incidentsOf('export.example');
      const response = await fetch(`${base}/admin/incidents/${incident.id}/report.json?for=pts`, { headers: bearer });
      assert.equal(response.status, 200);
      const exported = await response.json();
      assert.equal(exported.timeline.detectedAt, incident.detectedAt);
      assert.equal(exported.dataSubjects.approximateNumber, 2);
      assert.equal(exported.personalData.approximateRecords, 2);
      assert.deepEqual(exported.personalData.categories, ['e-mail address (normalised+sha256)']);
      assert.equal(exported.controller.contactPoint, 'dpo@exempel.se');
      assert.equal(exported.unintelligible.value, false);
      assert.ok(exported.likelyConsequences.length > 20);
      assert.match(exported.measures.taken[0], /1 request\(s\) were stopped/);
      assert.equal(exported.pts.initial.incidentTime, incident.firstSeen);
      assert.match(exported.pts.note, /not registered as a provider/);
      const page = await fetch(`${base}/admin/incidents/${incident.id}/report?for=imy`, { headers: bearer });
      assert.match(page.headers.get('content-security-policy'), /default-src 'none'/);
      assert.match(await page.text(), /dataSubjects[\s\S]*approximateNumber/);
    });

    test('the admin list puts open incidents first with the time left; the forms work from the page only', async () => {
      await postLeaks(base, [makeReport({ host: 'admin.example' })]);
      const [incident] = await incidentsOf('admin.example');
      const basic = { authorization: `Basic ${Buffer.from(`Cecilia:${TOKEN}`).toString('base64')}` };
      const list = await (await fetch(`${base}/admin/incidents`, { headers: basic })).text();
      assert.match(list, /IMY \(GDPR art\. 33, 72 h\): 72 h 0 min left/);
      const closedAt = list.indexOf('<tr class="closed">');
      assert.ok(closedAt === -1 || list.lastIndexOf('<tr class="open">') < closedAt, 'open before closed');
      const before = await (await fetch(`${base}/admin/incidents/${incident.id}`, { headers: basic })).text();
      const token = /name="token" value="([0-9a-f]{64})"/.exec(before)[1];
      assert.match(before, /No webhook or e-mail is configured/);
      const form = (headers, fields = { token }) =>
        fetch(`${base}/admin/incidents/${incident.id}`, {
          method: 'POST',
          redirect: 'manual',
          headers: { ...basic, 'content-type': 'application/x-www-form-urlencoded', ...headers },
          body: new URLSearchParams({ action: 'measure', stage: 'taken', text: '<b>Pixel removed</b>', by: '', ...fields }).toString(),
        });
      // What a page on another site can make a logged-in browser send: the Basic credentials, but not the token.
      assert.equal((await form({ origin: 'https://evil.example' }, {})).status, 403, 'no token, no change');
      assert.equal((await form({ origin: 'null' }, { token: '0'.repeat(64) })).status, 403, 'a wrong token, no change');
      assert.equal((await form({ origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' })).status, 403, 'another site, even with the token');
      // Chrome sends Origin: null for a form on a page served with no-referrer, as the admin pages are.
      const accepted = await form({ origin: 'null', 'sec-fetch-site': 'same-origin' });
      assert.equal(accepted.status, 303);
      const page = await (await fetch(`${base}/admin/incidents/${incident.id}`, { headers: basic })).text();
      assert.match(page, /Cecilia<\/td><td>Measure taken: &#60;b&#62;Pixel removed/);
      assert.doesNotMatch(page, /<b>Pixel/);
      assert.match(await (await fetch(`${base}/admin`, { headers: basic })).text(), /open incidents?<\/a>/);
    });

    test('the register is append-only, and verify finds an edited entry or an edited incident', async (t) => {
      await postLeaks(base, [makeReport({ host: 'tamper.example' })]);
      assert.equal((await verifyRegister(db.store.incidents)).ok, true);
      await assert.rejects(db.sql("UPDATE samtycke_incident_log SET actor = 'x' WHERE pos = 1"), /append-only/);
      await assert.rejects(db.sql('DELETE FROM samtycke_incident_log WHERE pos = 1'), /append-only/);

      // Someone with write access edits the incident's counts: the replay of the log disagrees.
      await db.sql("UPDATE samtycke_incidents SET visitors = 0 WHERE host = 'tamper.example'");
      const edited = await verifyRegister(db.store.incidents);
      assert.equal(edited.ok, false);
      assert.match(edited.reason, /visitors is 0 but the register says 1/);
      const cli = await runCli(['verify', ...db.cliArgs], db.env);
      assert.equal(cli.code, 1, cli.stdout + cli.stderr);
      assert.match(cli.stdout, /BROKEN in the incident register/);
      await db.sql("UPDATE samtycke_incidents SET visitors = 1 WHERE host = 'tamper.example'");

      // … or, past the trigger, an entry of the log itself.
      if (backend.name === 'sqlite') {
        await db.sql('DROP TRIGGER samtycke_incident_log_no_update');
      } else {
        await db.sql('ALTER TABLE samtycke_incident_log DISABLE TRIGGER samtycke_incident_log_append_only');
      }
      const [row] = await db.sql("SELECT pos, content FROM samtycke_incident_log WHERE entry = 'report' ORDER BY pos DESC LIMIT 1");
      await db.sql(`UPDATE samtycke_incident_log SET content = '${row.content.replace('"image"', '"script"')}' WHERE pos = ${row.pos}`);
      const broken = await verifyRegister(db.store.incidents);
      t.diagnostic(JSON.stringify(broken));
      assert.equal(broken.ok, false);
      assert.equal(broken.position, Number(row.pos));
      assert.match(broken.reason, /contentHash/);
    });
  });
}
