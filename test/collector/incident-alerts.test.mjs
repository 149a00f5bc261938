// Alerts: a local webhook receiver and a stand-in sendmail get an alert when an incident opens and
// when a deadline is 6 hours away; a failing receiver is retried; a slow one never holds up the
// collector's answer to the browser.
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createCollector } from '../../dist/collector/collector/collector.js';
import { BACKENDS } from './helpers/backends.mjs';
import { makeReport, postLeaks } from './helpers/fixtures.mjs';

const SECRET = 'webhook-secret';

/** A webhook receiver: records each request; `answer` decides the status, or holds the response until released. */
function receiver() {
  const received = [];
  const waiting = [];
  let answer = () => 204;
  const held = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      const entry = { headers: req.headers, body, json: JSON.parse(body) };
      received.push(entry);
      for (const wake of waiting.splice(0)) wake();
      const status = answer(entry);
      if (status === 'hold') held.push(() => res.writeHead(204).end());
      else res.writeHead(status).end();
    });
  });
  return {
    received,
    held,
    set answer(fn) {
      answer = fn;
    },
    /** Resolves once `count` requests (those `filter` keeps) have arrived (no sleeps: woken by each request). */
    async until(count, filter = () => true) {
      while (received.filter(filter).length < count) await new Promise((resolve) => waiting.push(resolve));
    },
    start: () => new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${server.address().port}/hook`))),
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

for (const backend of BACKENDS) {
  describe(`incident alerts on ${backend.name}`, { skip: backend.skip }, () => {
    let db;
    let collector;
    let base;
    let hook;
    let mailFile;
    let clock = new Date('2026-11-02T09:00:00.000Z');

    before(async () => {
      db = await backend.create();
      hook = receiver();
      const url = await hook.start();
      // A stand-in for the system's sendmail: keeps the message nodemailer pipes to it.
      const dir = mkdtempSync(join(tmpdir(), 'samtycke-mail-'));
      mailFile = join(dir, 'mail.txt');
      const sendmail = join(dir, 'sendmail');
      writeFileSync(sendmail, `#!/bin/sh\necho "ARGS: $*" >> '${mailFile}'\ncat >> '${mailFile}'\n`);
      chmodSync(sendmail, 0o755);
      collector = createCollector({
        store: db.store,
        rateLimit: false,
        retentionIntervalMs: 0,
        now: () => clock,
        incidents: {
          operatorType: 'ecs',
          alerts: {
            webhook: { url, secret: SECRET },
            email: { to: 'dpo@shop.example', from: 'samtycke@shop.example', sendmail },
            publicUrl: 'https://shop.example/consent',
            intervalMs: 20,
            timeoutMs: 2000,
          },
        },
        log: () => {},
      });
      base = `http://127.0.0.1:${await collector.start(0)}`;
    });
    after(async () => {
      await collector?.close();
      await hook?.close();
      await db?.dispose();
    });

    const alertsOf = async (id) => db.store.incidents.alerts(id);

    test('an opened incident is sent at once, signed, and by e-mail; a slow receiver never holds up the browser', async () => {
      hook.answer = () => 'hold';
      const response = await postLeaks(base, [makeReport({ host: 'alert.example' })]);
      assert.equal(response.status, 200, 'answered while the webhook is still waiting');
      const incidentId = response.body.incidents[0].incidentId;
      await hook.until(1);
      assert.equal((await alertsOf(incidentId)).find((alert) => alert.alert === 'opened').outcome, null, 'not sent until the receiver answers');
      hook.held.shift()();
      await collector.alertsIdle();
      const [opened] = hook.received;
      assert.equal(opened.json.alert, 'incident-opened');
      assert.equal(opened.json.incident.host, 'alert.example');
      assert.equal(opened.json.link, `https://shop.example/consent/admin/incidents/${incidentId}`);
      assert.equal(opened.headers['x-samtycke-signature'], `sha256=${createHmac('sha256', SECRET).update(opened.body).digest('hex')}`);
      assert.equal(opened.headers['x-samtycke-alert'], `${incidentId}:opened`);
      const alerts = await alertsOf(incidentId);
      assert.equal(alerts.find((alert) => alert.alert === 'opened').outcome, 'sent');
      // Each deadline has its alert, due 6 hours before it.
      assert.deepEqual(alerts.map((alert) => [alert.alert, alert.dueAt]).sort(), [
        ['gdpr', '2026-11-05T03:00:00.000Z'],
        ['opened', '2026-11-02T09:00:00.000Z'],
        ['ptsFull', '2026-11-05T03:00:00.000Z'],
        ['ptsInitial', '2026-11-03T03:00:00.000Z'],
      ]);
      assert.ok(existsSync(mailFile));
      const mail = readFileSync(mailFile, 'utf8');
      assert.match(mail, /ARGS: .*dpo@shop\.example/);
      assert.match(mail, /Subject: \[samtycke\] Incident #\d+ opened: email to alert\.example/);
    });

    test('a deadline 6 hours away is sent once; a failing receiver is retried with backoff', async () => {
      hook.answer = () => 204;
      const response = await postLeaks(base, [makeReport({ host: 'deadline.example' })]);
      const incidentId = response.body.incidents[0].incidentId;
      const ours = (entry) => entry.json.incident.id === incidentId;
      await hook.until(1, ours);
      assert.equal(hook.received.filter(ours)[0].json.alert, 'incident-opened', 'positive control: the opened alert arrived');

      let failures = 1;
      hook.answer = (entry) => (ours(entry) && failures-- > 0 ? 500 : 204);
      // 18 hours after detection PTS's initial report (24 h) is 6 hours away.
      clock = new Date(clock.getTime() + 18 * 3_600_000);
      await hook.until(2, ours);
      await collector.alertsIdle();
      const failed = (await alertsOf(incidentId)).find((alert) => alert.alert === 'ptsInitial');
      assert.equal(failed.outcome, null);
      assert.equal(failed.attempts, 1);
      assert.equal(failed.lastError, 'webhook answered 500');
      assert.equal(Date.parse(failed.nextAt) - clock.getTime(), 60_000, 'the next attempt after a minute');

      clock = new Date(clock.getTime() + 61_000);
      await hook.until(3, ours);
      await collector.alertsIdle();
      const retried = hook.received.filter(ours)[2].json;
      assert.equal(retried.alert, 'deadline-soon');
      assert.equal(retried.deadline, 'ptsInitial');
      assert.equal((await alertsOf(incidentId)).find((alert) => alert.alert === 'ptsInitial').outcome, 'sent');
      // GDPR's and PTS's complete report are not due yet.
      assert.deepEqual(
        (await alertsOf(incidentId)).filter((alert) => alert.outcome === null).map((alert) => alert.alert).sort(),
        ['gdpr', 'ptsFull'],
      );
    });
  });
}
