/**
 * Tells a person (R42): a webhook and, optionally, an e-mail when an incident opens and when
 * one of its deadlines is 6 hours away. Alerts are rows in the database, claimed with a lease
 * (so several collectors send each alert once), sent in the background (a request never waits
 * for them), and retried with backoff until they succeed or 12 attempts have failed.
 */
import { createHmac } from 'node:crypto';
import { incidentDeadlines, type IncidentState } from './incident-model.js';
import type { AlertRow, IncidentStore } from './incident-register.js';

/** Where alerts go. */
export interface AlertOptions {
  /** POSTed a JSON alert; with `secret`, signed: `X-Samtycke-Signature: sha256=<HMAC-SHA256 of the body, hex>`. */
  webhook?: { url: string; secret?: string | undefined } | undefined;
  /**
   * An e-mail per alert, through the `nodemailer` package: the system's `sendmail` (the path in
   * `sendmail`, default `/usr/sbin/sendmail`) unless `smtpUrl` (`smtp://user:pass@host:587`) is given.
   */
  email?: { to: string; from: string; sendmail?: string | undefined; smtpUrl?: string | undefined } | undefined;
  /** The collector's public address, for links to the admin page in alerts, e.g. `https://shop.example/consent`. */
  publicUrl?: string | undefined;
  /** How often due alerts are looked for, in ms (default 60 000). */
  intervalMs?: number | undefined;
  /** How long one delivery may take, in ms (default 10 000). */
  timeoutMs?: number | undefined;
}

/** The alerts' loop of one collector. */
export interface AlertLoop {
  /** Looks for due alerts now (after a report opened an incident), without waiting. */
  kick(): void;
  /** Resolves when the current round (if any) is over. */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

const MAX_ATTEMPTS = 12;
const LEASE_MS = 120_000;
const DEADLINE_NAMES: Readonly<Record<string, string>> = {
  gdpr: 'notification to IMY (GDPR art. 33, 72 h)',
  ptsInitial: "PTS's initial report (24 h)",
  ptsFull: "PTS's complete report (3 days)",
};

/** Whether a deadline alert is still needed: not once the authority was notified (but PTS's complete report) or the incident closed. */
function stillNeeded(alert: string, incident: IncidentState): boolean {
  if (alert === 'opened') return true;
  if (incident.status === 'closed') return false;
  return !(incident.status === 'notified' && alert !== 'ptsFull');
}

/**
 * The alert as sent: JSON for the webhook, and the e-mail's subject and text.
 * @example alertMessage(row, incident, 'https://shop.example/consent').subject
 */
export function alertMessage(row: Pick<AlertRow, 'alert' | 'dueAt'>, incident: IncidentState, publicUrl?: string) {
  const deadlines = incidentDeadlines(incident.detectedAt, incident.operatorType);
  const link = publicUrl ? `${publicUrl.replace(/\/$/, '')}/admin/incidents/${incident.id}` : undefined;
  const what = `${incident.dataKind} to ${incident.host}${incident.service ? ` (${incident.service})` : ''}`;
  const subject =
    row.alert === 'opened'
      ? `[samtycke] Incident #${incident.number} opened: ${what}`
      : `[samtycke] Incident #${incident.number}: ${DEADLINE_NAMES[row.alert] ?? row.alert} due ${deadlines[row.alert as keyof typeof deadlines]}`;
  const body = {
    alert: row.alert === 'opened' ? 'incident-opened' : 'deadline-soon',
    deadline: row.alert === 'opened' ? undefined : row.alert,
    dueAt: row.alert === 'opened' ? undefined : deadlines[row.alert as keyof typeof deadlines],
    incident: {
      id: incident.id,
      number: incident.number,
      status: incident.status,
      service: incident.service,
      host: incident.host,
      dataKind: incident.dataKind,
      detectedAt: incident.detectedAt,
      people: incident.visitors + incident.withoutConsentId,
      occurrences: incident.occurrences,
      blocked: incident.blocked,
      deadlines,
    },
    link,
  };
  const text = [
    subject.replace('[samtycke] ', ''),
    '',
    `Detected ${incident.detectedAt}; ${body.incident.people} people, ${incident.occurrences} occurrences (${incident.blocked} stopped in the browser).`,
    ...Object.entries(deadlines).map(([name, at]) => `Deadline, ${DEADLINE_NAMES[name]}: ${at}`),
    link ? `\nAssess it and record what you do: ${link}` : '\nAssess it and record what you do on the collector\'s admin page (/admin/incidents).',
  ].join('\n');
  return { subject, body, text };
}

async function postWebhook(webhook: NonNullable<AlertOptions['webhook']>, id: string, payload: string, timeoutMs: number): Promise<void> {
  const headers: Record<string, string> = { 'content-type': 'application/json', 'user-agent': 'samtycke-collector', 'x-samtycke-alert': id };
  if (webhook.secret) headers['x-samtycke-signature'] = `sha256=${createHmac('sha256', webhook.secret).update(payload).digest('hex')}`;
  const response = await fetch(webhook.url, { method: 'POST', headers, body: payload, signal: AbortSignal.timeout(timeoutMs), redirect: 'error' });
  await response.arrayBuffer().catch(() => undefined);
  if (!response.ok) throw new Error(`webhook answered ${response.status}`);
}

type Mailer = { sendMail(message: Record<string, unknown>): Promise<unknown> };

async function createMailer(email: NonNullable<AlertOptions['email']>): Promise<Mailer> {
  const nodemailer = await import('nodemailer').catch((error: Error) => {
    throw new Error(`e-mail alerts need the "nodemailer" package (npm install nodemailer): ${error.message}`);
  });
  return email.smtpUrl
    ? nodemailer.createTransport(email.smtpUrl)
    : nodemailer.createTransport({ sendmail: true, newline: 'unix', path: email.sendmail ?? '/usr/sbin/sendmail' });
}

/**
 * Starts the loop that sends due alerts. Nothing is started when neither a webhook nor e-mail is
 * configured (the alert rows then stay pending, and the admin page says none is configured).
 *
 * @param now the clock (tests move it to a deadline)
 */
export function startAlerts(store: IncidentStore, options: AlertOptions, log: (message: string) => void, now: () => Date = () => new Date()): AlertLoop | undefined {
  if (!options.webhook && !options.email) return undefined;
  const timeoutMs = options.timeoutMs ?? 10_000;
  let mailer: Promise<Mailer> | undefined;
  let round: Promise<void> = Promise.resolve();
  let again = false;
  let running = false;
  let stopped = false;

  async function deliver(row: AlertRow & { incident: IncidentState }): Promise<void> {
    const message = alertMessage(row, row.incident, options.publicUrl);
    const id = `${row.incidentId}:${row.alert}`;
    if (options.webhook) await postWebhook(options.webhook, id, JSON.stringify(message.body), timeoutMs);
    if (options.email) {
      mailer ??= createMailer(options.email);
      await (await mailer).sendMail({ from: options.email.from, to: options.email.to, subject: message.subject, text: message.text, headers: { 'X-Samtycke-Alert': id } });
    }
  }

  async function sendDue(): Promise<void> {
    for (;;) {
      const at = now();
      const claimed = await store.claimAlerts(at.toISOString(), LEASE_MS, 20);
      if (!claimed.length) return;
      for (const row of claimed) {
        if (!stillNeeded(row.alert, row.incident)) {
          await store.finishAlert(row.incidentId, row.alert, 'skipped', at.toISOString(), undefined, `not needed: the incident is ${row.incident.status}`);
          continue;
        }
        try {
          await deliver(row);
          await store.finishAlert(row.incidentId, row.alert, 'sent', now().toISOString());
        } catch (error) {
          const message = (error as Error).message;
          const gaveUp = row.attempts >= MAX_ATTEMPTS;
          const next = new Date(now().getTime() + Math.min(60_000 * 2 ** (row.attempts - 1), 3_600_000)).toISOString();
          log(`samtycke: alert ${row.alert} of incident #${row.incident.number} failed (attempt ${row.attempts}${gaveUp ? ', giving up' : ''}): ${message}`);
          await store.finishAlert(row.incidentId, row.alert, gaveUp ? 'failed' : null, now().toISOString(), next, message);
        }
      }
    }
  }

  function kick(): void {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = true;
    round = (async () => {
      do {
        again = false;
        await sendDue().catch((error: Error) => log(`samtycke: sending incident alerts failed: ${error.message}`));
      } while (again && !stopped);
      running = false;
    })();
  }

  const timer = setInterval(kick, options.intervalMs ?? 60_000);
  timer.unref();
  kick();
  return {
    kick,
    idle: () => round,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await round;
    },
  };
}
