import { readFileSync } from 'node:fs';
import type { CheckpointOptions } from './collector.js';
import { parseProxyTrust, type ProxyTrust } from './client-address.js';
import { parseOriginList } from './cors.js';
import { MAX_RETENTION_DAYS, type DecisionCookieOptions } from './decision-cookie.js';
import type { RateLimitOptions } from './rate-limit.js';
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
 * SAMTYCKE_CHECKPOINT_KEY_FILE and SAMTYCKE_CHECKPOINT_SECONDS.
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
  };
}
