import { executeServerCommand } from '@web/test-runner-commands';

/** One cookie as the DevTools protocol reports it. */
export interface CdpCookie {
  name: string;
  value: string;
  domain: string;
  path: string;
  expires: number;
  httpOnly: boolean;
  secure: boolean;
  sameSite?: string;
  session: boolean;
}

export const cdpCookies = (): Promise<CdpCookie[]> => executeServerCommand('cdp-cookies');
export const clearCookies = (): Promise<boolean> => executeServerCommand('cdp-clear-cookies');
/** Renders the page as it would be printed (`print`) or back on screen (`''`). */
export const emulateMedia = (media: 'print' | ''): Promise<boolean> => executeServerCommand('cdp-media', { media });

export interface TrackerHit {
  host: string;
  path: string;
  query: string;
  method: string;
}
export const trackerHits = (host?: string): Promise<TrackerHit[]> => executeServerCommand('tracker-hits', host ? { host } : {});
export const resetTrackerHits = (): Promise<boolean> => executeServerCommand('tracker-reset');

/** Deletes every cookie this page can see, so each test starts as a first visit. */
export function clearDocumentCookies(): void {
  for (const entry of document.cookie.split(';')) {
    const name = entry.split('=')[0]?.trim();
    if (name) document.cookie = `${name}=; Max-Age=0; Path=/`;
  }
}

export interface CollectedRecord {
  recordId: string;
  copies: number;
  record: Record<string, unknown>;
}
export const collectorMode = (mode: 'up' | 'down' | 'lost-ack' | 'not-found'): Promise<boolean> => executeServerCommand('collector-mode', { mode });
export const collectedRecords = (): Promise<CollectedRecord[]> => executeServerCommand('collector-records');
export const resetCollector = (): Promise<boolean> => executeServerCommand('collector-reset');
