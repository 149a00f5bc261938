import { trackerHits, type TrackerHit } from '../helpers/browser.js';
import type { Frame } from '../helpers/page.js';
import { until } from '../helpers/until.js';
import type { BlockedAttempt, Consent } from '../../src/entries/index.js';

/** A fake tracker URL on a host mapped to loopback (see web-test-runner.config.mjs). */
export const tracker = (host: string, file: string, query = '') => `http://${host}:${location.port}/tracker/${file}${query}`;

export const GATED_HOSTS = ['analytics.test', 'pixel.test', 'video.test'];

export type GatedFrame = Frame & { samtycke: Consent; __trackerRuns?: string[]; dataLayer?: unknown[] };

/** Hits on the gated hosts, by "host/path". */
export async function gatedHits(): Promise<string[]> {
  const hits: TrackerHit[] = await trackerHits();
  return hits.filter((hit) => GATED_HOSTS.includes(hit.host)).map((hit) => `${hit.host}${hit.path}`);
}

export async function hitsOf(host: string, path: string): Promise<number> {
  return (await trackerHits(host)).filter((hit) => hit.path === path).length;
}

/** Resolves once the page's consent object has been validated (the stand-in is replaced). */
export async function validated(win: GatedFrame): Promise<void> {
  await until(() => win.samtycke.config.revision !== '', 'the config to be validated');
}

export const kinds = (attempts: readonly BlockedAttempt[]) => [...new Set(attempts.map((attempt) => attempt.kind))].sort();

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
