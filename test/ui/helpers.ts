import { sendKeys } from '@web/test-runner-commands';
import type { Consent } from '../../src/consent/contract.js';
import type { Decision } from '../../src/consent/decision.js';
import { createConsent } from '../../src/entries/index.js';
import type { ConfigInput } from '../../src/config/schema.js';
import { siteConfig } from '../fixtures/config.js';
import { until } from '../helpers/until.js';
import '../../src/entries/ui.js';

/** Waits for an element's entrance animation to end: colours are measured as they finally are. */
export async function settled(element: Element): Promise<void> {
  await Promise.all(element.getAnimations().map((animation) => animation.finished));
}

export const created: Consent[] = [];

/** A consent object for the npm path (`samtycke` + `samtycke/ui`), recording its decisions. */
export function newConsent(overrides: Partial<ConfigInput> = {}): { consent: Consent; decisions: Decision[] } {
  const consent = createConsent(siteConfig(overrides));
  const decisions: Decision[] = [];
  consent.on('decision', (decision) => decisions.push(decision));
  created.push(consent);
  return { consent, decisions };
}

/** Removes the UI elements and consent objects a test made. */
export function cleanUp(): void {
  for (const consent of created.splice(0)) consent.destroy();
  for (const element of document.querySelectorAll('samtycke-banner, samtycke-preferences, samtycke-settings-button')) element.remove();
}

/** The banner's rendered region, once its strings are in and its text hash is computed. */
export async function shownBanner(doc: Document = document) {
  const banner = await until(() => doc.querySelector('samtycke-banner'), 'the banner element');
  const region = await until(() => banner.shadowRoot?.querySelector('section'), 'the banner to render');
  await until(() => banner.shownHash, 'the banner text hash');
  await settled(region);
  return { banner, region, button: (control: string) => region.querySelector<HTMLButtonElement>(`[data-control="${control}"]`)! };
}

/** The open preferences dialog. */
export async function shownPreferences(doc: Document = document) {
  const preferences = await until(() => doc.querySelector('samtycke-preferences'), 'the preferences element');
  const dialog = await until(() => {
    const found = preferences.shadowRoot?.querySelector('dialog');
    return found?.open ? found : null;
  }, 'the preferences dialog to open');
  await until(() => preferences.shownHash, 'the preferences text hash');
  await settled(dialog);
  return {
    preferences,
    dialog,
    button: (control: string) => dialog.querySelector<HTMLButtonElement>(`[data-control="${control}"]`)!,
    switchFor: (category: string) => dialog.querySelector<HTMLButtonElement>(`[role="switch"][data-category="${category}"]`)!,
  };
}

export async function sha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** WCAG relative luminance contrast of two computed `rgb()` colours. */
export function contrast(foreground: string, background: string): number {
  const luminance = (color: string) => {
    const [r, g, b] = color.match(/[\d.]+/g)!.slice(0, 3).map(Number).map((c) => {
      const s = c / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
  };
  const [light, dark] = [luminance(foreground), luminance(background)].sort((a, b) => b - a);
  return (light! + 0.05) / (dark! + 0.05);
}

/** Shift+Tab with the real keyboard. */
export async function shiftTab(): Promise<void> {
  await sendKeys({ down: 'Shift' });
  await sendKeys({ press: 'Tab' });
  await sendKeys({ up: 'Shift' });
}
