import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { HttpError } from './http-response.js';

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

function presentedToken(req: IncomingMessage): string | undefined {
  const header = req.headers.authorization ?? '';
  const [scheme = '', value = ''] = header.split(/\s+/, 2);
  if (scheme.toLowerCase() === 'bearer') return value;
  // Browsers cannot add a bearer header to a link, so the admin page also takes the token as
  // the password of HTTP Basic authentication (any user name).
  if (scheme.toLowerCase() === 'basic') {
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    return colon >= 0 ? decoded.slice(colon + 1) : undefined;
  }
  return undefined;
}

/** The user name of HTTP Basic authentication, if the request carries one (the admin page's changes are recorded under it). */
export function presentedUser(req: IncomingMessage): string | undefined {
  const [scheme = '', value = ''] = (req.headers.authorization ?? '').split(/\s+/, 2);
  if (scheme.toLowerCase() !== 'basic') return undefined;
  const decoded = Buffer.from(value, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon > 0 ? decoded.slice(0, colon) : undefined;
}

/**
 * Guards the read endpoints. No token configured: reads are disabled (403). Wrong or missing
 * token: 401. The comparison takes the same time whatever the input.
 */
export function assertAdmin(req: IncomingMessage, adminToken: string | undefined, browser: boolean): void {
  if (!adminToken) {
    throw new HttpError(403, 'reads_disabled', 'reading proofs is disabled: set SAMTYCKE_ADMIN_TOKEN to enable it');
  }
  const token = presentedToken(req);
  if (token === undefined || !timingSafeEqual(digest(token), digest(adminToken))) {
    const headers: Record<string, string> = browser
      ? { 'www-authenticate': 'Basic realm="samtycke admin", charset="UTF-8"' }
      : { 'www-authenticate': 'Bearer realm="samtycke"' };
    throw new HttpError(401, 'unauthorized', 'a valid admin token is required (Authorization: Bearer <token>)', headers);
  }
}
