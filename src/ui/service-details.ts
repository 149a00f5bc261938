import { html, nothing, type TemplateResult } from 'lit/html.js';
import type { ServiceConfig } from '../config/config.js';
import { localize } from '../config/locale.js';
import { safeUrl } from './safe-url.js';
import type { UiStrings } from './strings.js';

/** Everything a visitor must know about one service before consenting (R17). */
export function serviceDetails(service: ServiceConfig, s: UiStrings, locale: string): TemplateResult {
  const row = (term: string, value: unknown) => html`<dt>${term}</dt><dd>${value ?? s.notStated}</dd>`;
  const list = (items: readonly string[]) => (items.length ? items.join(', ') : undefined);
  const cookies = service.cookies.map((cookie) => `${cookie.name} (${cookie.lifetime ?? s.notStated})`);
  const thirdParty = service.cookies.some((cookie) => cookie.thirdParty === true) ? s.yes : service.cookies.some((cookie) => cookie.thirdParty === false) ? s.no : undefined;
  const policy = safeUrl(service.policyUrl);
  return html`<div class="service">
    <h4>${service.name}</h4>
    <dl>
      ${row(s.provider, service.provider)}
      ${row(s.purpose, localize(service.purpose ?? service.description, locale))}
      ${row(s.hosts, list(service.hosts))}
      ${row(s.cookies, list(cookies))}
      ${service.storage.length ? row(s.storage, list(service.storage)) : nothing}
      ${row(s.thirdPartyAccess, thirdParty)}
      ${row(s.retention, service.retention)}
      ${row(s.country, service.country)}
      ${row(s.transfer, service.transfer)}
      ${row(s.dataSent, localize(service.dataSent, locale))}
      ${row(s.vendorPolicy, policy ? html`<a href=${policy} rel="noopener">${policy}</a>` : undefined)}
    </dl>
  </div>`;
}
