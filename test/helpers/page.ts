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
  /** The bundle to load. */
  script?: string;
}

export type Frame = Window & typeof globalThis & { [probe: string]: unknown };

const frames: HTMLIFrameElement[] = [];

export function configText(config: unknown): string {
  return typeof config === 'string' ? config : JSON.stringify(config, null, 2);
}

export async function loadPage(options: PageOptions): Promise<Frame> {
  const config = options.config === undefined ? '' : `<script type="application/json" id="samtycke-config">${configText(options.config)}</script>`;
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8">${options.before ?? ''}${config}
<script src="${options.script ?? '/dist/samtycke.js'}"></script>${options.head ?? ''}</head><body>${options.body ?? ''}</body></html>`;
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
