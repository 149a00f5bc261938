import { trackerHits } from './browser.js';

/**
 * Loads an HTML page in a same-origin iframe, the way a site would: the
 * script-tag bundle first in <head>, the config as JSON before it.
 */
export interface PageOptions {
  /** The config text exactly as it appears in the page (a string is used verbatim). */
  config?: unknown;
  /** Markup before the samtycke script: probes that must run first. */
  before?: string;
  /** Markup after it, still in <head>. */
  head?: string;
  body?: string;
  /** A `data-stamp` for the config element, as `samtycke check --write` writes it. */
  stamp?: string;
  /** A CSP nonce for the head script (the page's own CSP goes in `before`). */
  nonce?: string;
  /** The head script to load: `/dist/samtycke.js` unless given, `countedBundle().script` to count what the page fetches. */
  script?: string;
}

export type Frame = Window & typeof globalThis & { [probe: string]: unknown };

const frames: HTMLIFrameElement[] = [];

export function configText(config: unknown): string {
  return typeof config === 'string' ? config : JSON.stringify(config, null, 2);
}

export async function loadPage(options: PageOptions): Promise<Frame> {
  const stamp = options.stamp === undefined ? '' : ` data-stamp="${options.stamp}"`;
  const config = options.config === undefined ? '' : `<script type="application/json" id="samtycke-config"${stamp}>${configText(options.config)}</script>`;
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8">${options.before ?? ''}${config}
<script src="${options.script ?? '/dist/samtycke.js'}"${options.nonce ? ` nonce="${options.nonce}"` : ''}></script>${options.head ?? ''}</head><body>${options.body ?? ''}</body></html>`;
  const frame = document.createElement('iframe');
  frame.style.cssText = 'width:800px;height:600px;border:0';
  frames.push(frame);
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  frame.srcdoc = html;
  document.body.append(frame);
  await loaded;
  return frame.contentWindow as Frame;
}

export function removePages(): void {
  for (const frame of frames.splice(0)) frame.remove();
}

/** Resource URLs the page has fetched so far. */
export function fetched(win: Window): string[] {
  return win.performance.getEntriesByType('resource').map((entry) => entry.name);
}

let bundles = 0;

/** The script-tag bundle at a URL of its own, whose requests the tracker server counts. */
export interface CountedBundle {
  /** Where the page loads the head script from (`loadPage({ script })`); its chunks are fetched next to it. */
  readonly script: string;
  /**
   * The positive control for "the page fetched nothing more": the page `win`
   * asks for one more file next to the bundle, and once the server has
   * answered it, this resolves with the files the page asked for before it,
   * in the order they reached the server (`['samtycke.js', 'samtycke-ui.js']`).
   * A request still in flight cannot be missed, as it can in Resource Timing,
   * which lists a request only once its response is complete.
   */
  filesRequested(win: Window): Promise<string[]>;
}

/**
 * The head script (`head`, a build in dist/) and its chunks from a fresh URL under `/tracker/bundle/`,
 * answered from dist/ by the tracker server (tracker-plugin.mjs), which counts
 * each request. Nothing comes from the browser's cache: every file the page
 * asks for reaches the server.
 *
 * @example
 * const bundle = countedBundle();
 * const win = await loadPage({ config, script: bundle.script });
 * expect(await bundle.filesRequested(win)).to.not.include('samtycke-ui.js');
 */
export function countedBundle(head = 'samtycke.js'): CountedBundle {
  const base = `/tracker/bundle/b${++bundles}x${Date.now()}/`;
  let controls = 0;
  return {
    script: `${base}${head}`,
    async filesRequested(win) {
      const control = `control-${++controls}.json`;
      const status = await win.fetch(base + control).then((response) => response.status);
      if (status !== 200) throw new Error(`the control request next to the bundle failed (${status})`);
      const files = (await trackerHits(location.hostname)).filter((hit) => hit.path.startsWith(base)).map((hit) => hit.path.slice(base.length));
      if (!files.includes(control)) throw new Error('the control request next to the bundle was not counted');
      return files.slice(0, files.indexOf(control)).filter((file) => !file.startsWith('control-'));
    },
  };
}
