import type { IncomingMessage } from 'node:http';
import { HttpError } from './http-response.js';

/**
 * Decides whether a request's Origin may post proofs. No Origin (server to server) and a
 * same-origin request are always allowed; otherwise the origin must be on the allow-list
 * (or the list contains "*"). Returns the CORS headers to add to the answer.
 */
export function corsHeaders(req: IncomingMessage, allowedOrigins: readonly string[]): Record<string, string> {
  const origin = req.headers.origin;
  if (!origin) return {};
  if (isSameOrigin(origin, req.headers.host)) return {};
  if (allowedOrigins.includes('*') || allowedOrigins.includes(origin)) {
    return { 'access-control-allow-origin': origin, vary: 'Origin' };
  }
  throw new HttpError(403, 'origin_not_allowed', `origin ${origin} is not on the collector's allow-list`, { vary: 'Origin' });
}

/** Answers a CORS preflight for POST with a JSON body. */
export function preflightHeaders(req: IncomingMessage, allowedOrigins: readonly string[]): Record<string, string> {
  const base = corsHeaders(req, allowedOrigins);
  const method = req.headers['access-control-request-method'];
  if (method && method !== 'POST') {
    throw new HttpError(405, 'method_not_allowed', `preflight for ${method} is not supported; only POST`);
  }
  return {
    ...base,
    'access-control-allow-methods': 'POST, OPTIONS',
    'access-control-allow-headers': 'content-type',
    'access-control-max-age': '600',
  };
}

/** True when `origin` names the host the request was sent to (the collector's own origin). */
export function isSameOrigin(origin: string, host: string | undefined): boolean {
  if (!host) return false;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

/** Parses `SAMTYCKE_CORS_ORIGINS` ("https://a.example, https://b.example"), normalising each origin. */
export function parseOriginList(value: string | undefined): string[] {
  if (!value) return [];
  return value
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      if (entry === '*') return entry;
      const url = new URL(entry);
      return url.origin;
    });
}
