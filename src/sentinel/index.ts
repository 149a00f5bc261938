/**
 * The leak sentinel (the Kry lesson, RULES R39 and R42): watches what the page
 * sends to other hosts and raises an incident when a visitor's contact data,
 * plain or hashed, is in it. The head script loads it the first time a
 * visitor types into a field that holds contact data.
 *
 * It cannot see server-side APIs (such as Meta's Conversions API), service
 * workers, cross-origin frames, Blob bodies, or encodings it does not know.
 */
import { canariesFor, fieldName, isSensitiveField, type Canary } from './canaries.js';
import { toIncident, type Incident, type IncidentOptions } from './incident.js';
import { watchRequests } from './watch-requests.js';
import { pageUrl } from '../page-address.js';

export type { Incident } from './incident.js';

export interface SentinelOptions extends IncidentOptions {
  /** `report` (default) raises incidents; `block` also stops the requests that can be stopped. */
  mode?: 'report' | 'block';
}

export interface Sentinel {
  /** Every incident raised on this page, oldest first. */
  incidents(): readonly Incident[];
  /** Re-reads a field now (the sentinel also does this on input). */
  track(field: HTMLInputElement): Promise<void>;
}

declare global {
  interface GlobalEventHandlersEventMap {
    'samtycke:leak': CustomEvent<Incident>;
  }
}

let running: Sentinel | null = null;

/** Starts the sentinel once per page; later calls return the running one. */
export function watchForLeaks(options: SentinelOptions = {}): Sentinel {
  if (running) return running;
  const canaries = new Map<HTMLInputElement, Canary[]>();
  const incidents: Incident[] = [];
  const reported = new Set<string>();
  const block = options.mode === 'block';

  async function track(field: HTMLInputElement): Promise<void> {
    canaries.set(field, await canariesFor(field.value, fieldName(field)));
  }

  const timers = new WeakMap<HTMLInputElement, number>();
  const onInput = (event: Event) => {
    const field = event.target;
    if (!isSensitiveField(field)) return;
    clearTimeout(timers.get(field));
    timers.set(field, window.setTimeout(() => void track(field), event.type === 'input' ? 30 : 0));
  };
  document.addEventListener('input', onInput, true);
  document.addEventListener('change', onInput, true);
  for (const field of document.querySelectorAll('input')) if (isSensitiveField(field) && field.value) void track(field);

  watchRequests((address, body, kind, preventable) => {
    const url = new URL(address, document.baseURI);
    if (url.hostname === pageUrl().hostname || !/^(https?|wss?):$/.test(url.protocol)) return false;
    const haystack = `${safeDecode(url.href)} ${url.href} ${body} ${safeDecode(body)}`.toLowerCase();
    for (const list of canaries.values()) {
      const canary = list.find((candidate) => haystack.includes(candidate.needle));
      if (!canary) continue;
      const blocked = block && preventable;
      const key = `${url.host}|${canary.field}|${canary.encoding}|${blocked}`;
      if (!reported.has(key)) {
        reported.add(key);
        const incident = toIncident({ canary, host: url.hostname, url: url.origin + url.pathname, kind, blocked }, options);
        incidents.push(incident);
        console.error(`[samtycke] form data ("${canary.field}", ${canary.encoding}) was ${blocked ? 'about to be sent' : 'sent'} to ${url.hostname}; incident ${incident.id}`);
        document.dispatchEvent(new CustomEvent('samtycke:leak', { detail: incident }));
      }
      return blocked;
    }
    return false;
  });

  running = { incidents: () => incidents, track };
  return running;
}

export { isSensitiveField };

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}
