import { parseOriginList } from './cors.js';
import type { RateLimitOptions } from './rate-limit.js';
import { DEFAULT_RETENTION_MONTHS } from './retention.js';

/** Collector settings read from the environment, validated with a clear message each. */
export interface EnvOptions {
  databaseUrl: string | undefined;
  adminToken: string | undefined;
  corsOrigins: string[];
  ipMode: 'none' | 'truncate';
  trustProxy: boolean;
  rateLimit: RateLimitOptions | false;
  retentionMonths: number;
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
 * SAMTYCKE_TRUST_PROXY, SAMTYCKE_RATE_BURST, SAMTYCKE_RATE_PER_SECOND and SAMTYCKE_RETENTION_MONTHS.
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
    trustProxy: env.SAMTYCKE_TRUST_PROXY === '1' || env.SAMTYCKE_TRUST_PROXY === 'true',
    rateLimit: burst === 0 || perSecond === 0 ? false : { capacity: burst, refillPerSecond: perSecond },
    retentionMonths,
  };
}
