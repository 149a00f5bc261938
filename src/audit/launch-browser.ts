/**
 * Starts the system Chromium for one pass, in a fresh profile (a new
 * user-data folder, deleted afterwards), through playwright-core: a
 * well-kept driver rather than DevTools-protocol plumbing of our own. It never
 * downloads a browser: `CHROME_PATH`, or /usr/bin/chromium.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';

/**
 * Flags that keep Chromium quiet, offline from Google's services and
 * reproducible. The last one keeps `navigator.webdriver` false: some consent
 * tools hide their banner from automated browsers, and the audit must see
 * what a visitor sees.
 */
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-blink-features=AutomationControlled',
] as const;

/** The default browser. */
export const DEFAULT_CHROME_PATH = '/usr/bin/chromium';

/** One pass's browser. */
export interface PassBrowser {
  context: BrowserContext;
  page: Page;
  /** Closes the browser and deletes its profile. */
  close(): Promise<void>;
}

/** Options of `launchPass()`. */
export interface LaunchOptions {
  /** Path of the Chromium binary. */
  chromePath: string;
  /** Send Global Privacy Control: `Sec-GPC: 1` and `navigator.globalPrivacyControl === true` (R48). */
  gpc?: boolean;
  /** Viewport in CSS px; default 1280×800. */
  viewport?: { width: number; height: number };
  /** Extra Chromium flags (tests map test hosts to loopback with them). */
  extraFlags?: readonly string[];
}

async function loadPlaywright(): Promise<typeof import('playwright-core')> {
  try {
    return await import('playwright-core');
  } catch {
    throw new Error('samtycke audit needs playwright-core: npm install --save-dev playwright-core (it uses the Chromium at CHROME_PATH and downloads none)');
  }
}

/**
 * Launches Chromium with a new, empty profile.
 * @throws {Error} when playwright-core is not installed or Chromium does not start.
 * @example const { page, close } = await launchPass({ chromePath: '/usr/bin/chromium' });
 */
export async function launchPass(options: LaunchOptions): Promise<PassBrowser> {
  const { chromium } = await loadPlaywright();
  const profile = await mkdtemp(join(tmpdir(), 'samtycke-audit-'));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: options.chromePath,
      headless: true,
      args: [...CHROMIUM_FLAGS, ...(options.extraFlags ?? [])],
      viewport: options.viewport ?? { width: 1280, height: 800 },
      extraHTTPHeaders: options.gpc ? { 'Sec-GPC': '1' } : {},
    });
  } catch (error) {
    await rm(profile, { recursive: true, force: true });
    throw new Error(`could not start Chromium at ${options.chromePath}: ${(error as Error).message.split('\n')[0]}`);
  }
  if (options.gpc) {
    await context.addInitScript({ content: `Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true, configurable: true });` });
  }
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    async close() {
      await context.close().catch(() => {});
      await rm(profile, { recursive: true, force: true });
    },
  };
}
