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

let controls = 0;

/**
 * The positive control before a "nothing reached host X" check: the page
 * `win` sends a request to an ungated host (free.test, through the same
 * wrappers as every other request) and this resolves once the tracker server
 * has counted it. A request the page issued before it would have arrived by
 * then, so an absence checked afterwards is not just a request still in
 * flight. Fails if the control itself does not get through.
 *
 * @example
 * await laterRequestArrived(win);
 * expect(await gatedHits()).to.deep.equal([]);
 */
export async function laterRequestArrived(win: Window): Promise<void> {
  const path = `/tracker/control-${++controls}-${Date.now()}.json`;
  const status = await win.fetch(`http://free.test:${location.port}${path}`).then((response) => response.status);
  if (status !== 200) throw new Error(`the control request to free.test failed (${status})`);
  await until(async () => (await hitsOf('free.test', path)) === 1, 'the control request to be counted');
}

/** Resolves once the image `#id` in the page has its `src` and has loaded (an image without `src` counts as complete). */
export function imageLoaded(win: Window, id: string): Promise<unknown> {
  return until(() => {
    const image = win.document.getElementById(id) as HTMLImageElement | null;
    return image?.getAttribute('src') && image.complete && image.naturalWidth > 0;
  }, `#${id} to load`);
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
