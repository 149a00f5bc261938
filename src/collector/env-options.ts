import { readFileSync } from 'node:fs';
import type { CheckpointOptions } from './collector.js';
import { parseProxyTrust, type ProxyTrust } from './client-address.js';
import { parseOriginList } from './cors.js';
import { MAX_RETENTION_DAYS, type DecisionCookieOptions } from './decision-cookie.js';
import type { RateLimitOptions } from './rate-limit.js';
import type { AlertOptions } from './incident-alerts.js';
import type { IncidentSettings } from './incident-routes.js';
import { DEFAULT_RETENTION_MONTHS } from './retention.js';
import { parseSignerKey } from './signed-note.js';

/** Collector settings read from the environment, validated with a clear message each. */
export interface EnvOptions {
  databaseUrl: string | undefined;
  adminToken: string | undefined;
  corsOrigins: string[];
  ipMode: 'none' | 'truncate';
  trustProxy: ProxyTrust;
  rateLimit: RateLimitOptions | false;
  retentionMonths: number;
  /** From SAMTYCKE_CHECKPOINT_KEY_FILE (one signer key per line) and SAMTYCKE_CHECKPOINT_SECONDS. */
  checkpoints: CheckpointOptions | undefined;
  /** From SAMTYCKE_DECISION_COOKIE (the cookie's name) and SAMTYCKE_DECISION_COOKIE_DAYS/_PATH/_DOMAIN/_SAMESITE/_SECURE. */
  decisionCookie: DecisionCookieOptions | undefined;
  /** The incident register: SAMTYCKE_OPERATOR_TYPE, SAMTYCKE_CONTROLLER, SAMTYCKE_INCIDENT_CONTACT and the alerts' settings. */
  incidents: IncidentSettings & { alerts?: AlertOptions | undefined };
}

function httpUrl(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const value = env[name];
  if (!value) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`${name} must be a URL, got "${value}"`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(`${name} must be an http(s) URL, got "${url.protocol}…"`);
  return url.href;
}

function readIncidents(env: NodeJS.ProcessEnv): EnvOptions['incidents'] {
  const operatorType = env.SAMTYCKE_OPERATOR_TYPE || undefined;
  if (operatorType !== undefined && operatorType !== 'ecs' && operatorType !== 'other') {
    throw new Error(`SAMTYCKE_OPERATOR_TYPE must be "ecs" (a provider of public electronic communications services) or "other", got "${operatorType}"`);
  }
  const webhook = httpUrl(env, 'SAMTYCKE_INCIDENT_WEBHOOK');
  const to = env.SAMTYCKE_INCIDENT_EMAIL_TO || undefined;
  if (to && !env.SAMTYCKE_INCIDENT_EMAIL_FROM) throw new Error('SAMTYCKE_INCIDENT_EMAIL_TO needs SAMTYCKE_INCIDENT_EMAIL_FROM, the sender address');
  const smtpUrl = env.SAMTYCKE_SMTP_URL || undefined;
  if (smtpUrl && !/^smtps?:\/\//.test(smtpUrl)) throw new Error('SAMTYCKE_SMTP_URL must start with smtp:// or smtps://');
  const alerts: AlertOptions | undefined =
    webhook || to
      ? {
          webhook: webhook ? { url: webhook, secret: env.SAMTYCKE_INCIDENT_WEBHOOK_SECRET || undefined } : undefined,
          email: to ? { to, from: env.SAMTYCKE_INCIDENT_EMAIL_FROM!, sendmail: env.SAMTYCKE_SENDMAIL || undefined, smtpUrl } : undefined,
          publicUrl: httpUrl(env, 'SAMTYCKE_PUBLIC_URL'),
          intervalMs: positiveNumber(env, 'SAMTYCKE_ALERT_SECONDS', 60) * 1000 || 60_000,
        }
      : undefined;
  return {
    operatorType,
    controller: env.SAMTYCKE_CONTROLLER || undefined,
    contact: env.SAMTYCKE_INCIDENT_CONTACT || undefined,
    alerts,
  };
}

function readDecisionCookie(env: NodeJS.ProcessEnv): DecisionCookieOptions | undefined {
  const name = env.SAMTYCKE_DECISION_COOKIE;
  if (!name) return undefined;
  if (!/^[A-Za-z0-9_.-]{1,64}$/.test(name)) throw new Error(`SAMTYCKE_DECISION_COOKIE must be a cookie name, got "${name}"`);
  const days = positiveNumber(env, 'SAMTYCKE_DECISION_COOKIE_DAYS', 182);
  if (days < 1 || days > MAX_RETENTION_DAYS) throw new Error(`SAMTYCKE_DECISION_COOKIE_DAYS must be 1–${MAX_RETENTION_DAYS} (the site's retention), got ${days}`);
  const sameSite = env.SAMTYCKE_DECISION_COOKIE_SAMESITE || 'Lax';
  if (sameSite !== 'Lax' && sameSite !== 'Strict') throw new Error(`SAMTYCKE_DECISION_COOKIE_SAMESITE must be Lax or Strict, got "${sameSite}"`);
  const secure = env.SAMTYCKE_DECISION_COOKIE_SECURE || 'auto';
  if (!['auto', '1', '0'].includes(secure)) throw new Error(`SAMTYCKE_DECISION_COOKIE_SECURE must be auto, 1 or 0, got "${secure}"`);
  return {
    name,
    retentionDays: days,
    path: env.SAMTYCKE_DECISION_COOKIE_PATH || '/',
    domain: env.SAMTYCKE_DECISION_COOKIE_DOMAIN || undefined,
    sameSite,
    secure: secure === 'auto' ? 'auto' : secure === '1',
  };
}

function readCheckpoints(env: NodeJS.ProcessEnv): CheckpointOptions | undefined {
  const file = env.SAMTYCKE_CHECKPOINT_KEY_FILE;
  if (!file) return undefined;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`SAMTYCKE_CHECKPOINT_KEY_FILE: cannot read ${file}: ${(error as Error).message}`);
  }
  const lines = text.split('\n').map((line) => line.trim()).filter((line) => line && !line.startsWith('#'));
  if (lines.length === 0) throw new Error(`SAMTYCKE_CHECKPOINT_KEY_FILE: ${file} holds no signer key (make one with \`samtycke keygen\`)`);
  const signers = lines.map((line, index) => {
    try {
      return parseSignerKey(line);
    } catch (error) {
      throw new Error(`SAMTYCKE_CHECKPOINT_KEY_FILE: key ${index + 1} of ${file}: ${(error as Error).message}`);
    }
  });
  const seconds = positiveNumber(env, 'SAMTYCKE_CHECKPOINT_SECONDS', 60);
  // The log's origin is the first key's name: the format asks that the two match.
  return { origin: signers[0]!.name, signers, intervalMs: seconds * 1000 };
}

function positiveNumber(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a non-negative number, got "${raw}"`);
  return value;
}

/**
 * Reads DATABASE_URL, SAMTYCKE_ADMIN_TOKEN, SAMTYCKE_CORS_ORIGINS, SAMTYCKE_IP_MODE,
 * SAMTYCKE_TRUST_PROXY, SAMTYCKE_RATE_BURST, SAMTYCKE_RATE_PER_SECOND, SAMTYCKE_RETENTION_MONTHS,
 * SAMTYCKE_CHECKPOINT_KEY_FILE, SAMTYCKE_CHECKPOINT_SECONDS, SAMTYCKE_DECISION_COOKIE…, and the
 * incident register's SAMTYCKE_OPERATOR_TYPE, SAMTYCKE_CONTROLLER, SAMTYCKE_INCIDENT_CONTACT,
 * SAMTYCKE_INCIDENT_WEBHOOK(_SECRET), SAMTYCKE_INCIDENT_EMAIL_TO/_FROM, SAMTYCKE_SENDMAIL,
 * SAMTYCKE_SMTP_URL, SAMTYCKE_PUBLIC_URL and SAMTYCKE_ALERT_SECONDS.
 * @throws Error naming the variable, for a value that cannot be used
 */
export function readEnvOptions(env: NodeJS.ProcessEnv = process.env): EnvOptions {
  const ipMode = env.SAMTYCKE_IP_MODE || 'none';
  if (ipMode !== 'none' && ipMode !== 'truncate') {
    throw new Error(`SAMTYCKE_IP_MODE must be "none" or "truncate", got "${ipMode}"`);
  }
  let corsOrigins: string[];
  try {
    corsOrigins = parseOriginList(env.SAMTYCKE_CORS_ORIGINS);
  } catch {
    throw new Error(`SAMTYCKE_CORS_ORIGINS must be a comma-separated list of origins like https://shop.example`);
  }
  const burst = positiveNumber(env, 'SAMTYCKE_RATE_BURST', 60);
  const perSecond = positiveNumber(env, 'SAMTYCKE_RATE_PER_SECOND', 10);
  const retentionMonths = positiveNumber(env, 'SAMTYCKE_RETENTION_MONTHS', DEFAULT_RETENTION_MONTHS);
  if (retentionMonths === 0) throw new Error('SAMTYCKE_RETENTION_MONTHS must be greater than 0');
  return {
    databaseUrl: env.DATABASE_URL || undefined,
    adminToken: env.SAMTYCKE_ADMIN_TOKEN || undefined,
    corsOrigins,
    ipMode,
    trustProxy: parseProxyTrust(env.SAMTYCKE_TRUST_PROXY),
    rateLimit: burst === 0 || perSecond === 0 ? false : { capacity: burst, refillPerSecond: perSecond },
    retentionMonths,
    checkpoints: readCheckpoints(env),
    decisionCookie: readDecisionCookie(env),
    incidents: readIncidents(env),
  };
}
