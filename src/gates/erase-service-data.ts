import { globPattern } from '../internal/glob.js';
import { names, type GateService } from './rules.js';

/**
 * Deletes what revoked services left on this site (R28): their cookies, on
 * this host and on every parent domain (a cookie set for `.example.com` is
 * only removed with that same domain), path `/`, and their localStorage and
 * sessionStorage keys. Third-party cookies on the vendor's own domain are out
 * of reach of any page; vendors are told through their consent APIs instead.
 */
export function eraseServiceData(services: readonly GateService[]): void {
  if (services.length === 0) return;
  const cookie = globPattern(services.flatMap((service) => names(service.source.cookies)));
  const domains = [''];
  for (let domain = location.hostname; domain.includes('.'); domain = domain.slice(domain.indexOf('.') + 1)) domains.push(`; Domain=${domain}`);
  for (const entry of document.cookie.split(';')) {
    const name = entry.split('=')[0]!.trim();
    // Never the decision itself (a refusal must be remembered, R20).
    if (!name || !cookie.test(name) || /^samtycke/.test(name)) continue;
    for (const domain of domains) document.cookie = `${name}=; Max-Age=0; Path=/${domain}`;
  }
  const key = globPattern(services.flatMap((service) => names(service.source.storage)));
  for (const area of ['localStorage', 'sessionStorage'] as const) {
    try {
      const storage = window[area];
      // Never the unsent proof records (samtycke:proofs).
      for (const name of Object.keys(storage)) if (key.test(name) && !name.startsWith('samtycke')) storage.removeItem(name);
    } catch {
      // Storage disabled or sandboxed: nothing was stored there either.
    }
  }
}
