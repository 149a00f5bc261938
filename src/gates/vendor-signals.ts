import type { ConsentModeState } from './consent-mode.js';

type VendorWindow = Window & {
  fbq?: (...args: unknown[]) => void;
  uetq?: { push(...args: unknown[]): void };
  clarity?: (...args: unknown[]) => void;
  _paq?: { push(args: unknown[]): void };
};

/** The globals of the vendors `signalVendors` tells. */
const VENDOR_APIS = ['fbq', 'uetq', 'clarity', '_paq'];

/** Whether any of those vendors' code has run on this page (cheap, for the head script to decide whether to load the rest). */
export const vendorApiPresent = (): boolean => VENDOR_APIS.some((name) => name in window);

/**
 * Tells the vendors that have their own consent API about the current state
 * (R29): Meta pixel, Microsoft UET and Clarity, Matomo. A vendor is only
 * called when its global exists; a vendor that throws does not stop the rest.
 */
export function signalVendors(state: ConsentModeState): void {
  const w = window as VendorWindow;
  const ads = state.ad_storage;
  const analytics = state.analytics_storage;
  for (const call of [
    () => w.fbq?.('consent', ads === 'granted' ? 'grant' : 'revoke'),
    () => w.uetq?.push('consent', 'update', { ad_storage: ads }),
    () => w.clarity?.('consentv2', { ad_Storage: ads, analytics_Storage: analytics }),
    () => w._paq?.push([analytics === 'granted' ? 'rememberConsentGiven' : 'forgetConsentGiven']),
  ]) {
    try {
      call();
    } catch (error) {
      reportError(error);
    }
  }
}
