import { sendMouse } from '@web/test-runner-commands';
import { resetTrackerHits, trackerHits, type TrackerHit } from '../helpers/browser.js';
import type { Frame } from '../helpers/page.js';
import type { BlockedAttempt, Consent } from '../../src/entries/index.js';

/** A fake tracker URL on a host mapped to loopback (see web-test-runner.config.mjs). */
export const tracker = (host: string, file: string, query = '') => `http://${host}:${location.port}/tracker/${file}${query}`;

export const GATED_HOSTS = ['analytics.test', 'pixel.test', 'video.test'];

export type GatedFrame = Frame & { samtycke: Consent; __trackerRuns?: string[]; dataLayer?: unknown[] };

/**
 * Waits for a condition the page reaches by itself (a script ran, a request
 * arrived), checking again after each task, and fails with `what` after 5 s.
 */
export async function until<T>(read: () => T | Promise<T>, what: string, timeout = 5000): Promise<NonNullable<T>> {
  const deadline = performance.now() + timeout;
  for (;;) {
    const value = await read();
    if (value) return value as NonNullable<T>;
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Hits on the gated hosts, by "host/path". */
export async function gatedHits(): Promise<string[]> {
  const hits: TrackerHit[] = await trackerHits();
  return hits.filter((hit) => GATED_HOSTS.includes(hit.host)).map((hit) => `${hit.host}${hit.path}`);
}

export async function hitsOf(host: string, path: string): Promise<number> {
  return (await trackerHits(host)).filter((hit) => hit.path === path).length;
}

/** Clicks a real button inside the page, so `action` runs with the page's own user activation. */
export async function clickInPage<T>(win: GatedFrame, action: () => T): Promise<T> {
  const doc = win.document;
  const button = doc.createElement('button');
  button.textContent = 'gesture';
  button.style.cssText = 'position:fixed;left:0;top:0;width:40px;height:40px;z-index:2147483647';
  doc.body.append(button);
  const result = new Promise<T>((resolve, reject) => {
    button.addEventListener('click', () => {
      try {
        resolve(action());
      } catch (error) {
        reject(error);
      }
    }, { once: true });
  });
  await clickElement(win, button);
  try {
    return await result;
  } finally {
    button.remove();
  }
}

/** A real mouse click in the middle of an element inside the page's iframe. */
export async function clickElement(win: GatedFrame, element: Element): Promise<void> {
  const frame = win.frameElement as HTMLIFrameElement;
  frame.scrollIntoView();
  // To the top: on a first visit the banner covers the bottom of the viewport.
  element.scrollIntoView({ block: 'start' });
  const outer = frame.getBoundingClientRect();
  const inner = element.getBoundingClientRect();
  await sendMouse({ type: 'click', position: [Math.round(outer.left + inner.left + inner.width / 2), Math.round(outer.top + inner.top + inner.height / 2)] });
}

/** Resolves once the page's consent object has been validated (the stand-in is replaced). */
export async function validated(win: GatedFrame): Promise<void> {
  await until(() => win.samtycke.config.revision !== '', 'the config to be validated');
}

export const kinds = (attempts: readonly BlockedAttempt[]) => [...new Set(attempts.map((attempt) => attempt.kind))].sort();

export { resetTrackerHits };

/**
 * Resolves once the page has applied its current decision beyond the gates
 * (cleanup, Consent Mode, vendors): that work comes with a lazily loaded
 * module, and its last step is the `samtycke_consent` dataLayer event.
 */
export function decisionApplied(win: GatedFrame): Promise<unknown> {
  return until(() => {
    const last = win.dataLayer?.at(-1) as { event?: string; samtycke?: unknown } | undefined;
    return last?.event === 'samtycke_consent' && JSON.stringify(last.samtycke) === JSON.stringify(win.samtycke.state.choices);
  }, 'the decision to be applied');
}
