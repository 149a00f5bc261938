import { executeServerCommand } from '@web/test-runner-commands';

/** One cookie as the browser keeps it (the DevTools protocol's shape; `expires` in seconds since the epoch, -1 for a session cookie). */
export interface BrowserCookie {
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

/** The cookies the browser keeps for the test page's URL, HttpOnly ones included, with their attributes; any engine (cookie-plugin.mjs). */
export const browserCookies = (): Promise<BrowserCookie[]> => executeServerCommand('browser-cookies');
/** Every cookie of the browser, third-party ones included, through the DevTools protocol: only in a test marked `itInChromium` (engine.ts). */
export const cdpCookies = (): Promise<BrowserCookie[]> => executeServerCommand('cdp-cookies');
/** Deletes the browser's cookies, HttpOnly ones included (in WebKit those of the test page's site); any engine. */
export const clearCookies = (): Promise<boolean> => executeServerCommand('browser-clear-cookies');

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
