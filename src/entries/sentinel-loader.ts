import { looseRecord } from '../internal/loose.js';
import { inspectElementUrls, inspectNetwork } from '../internal/request-hooks.js';
import type { SentinelOptions } from '../sentinel/watch-for-leaks.js';
import { sentinel as SENTINEL_CHUNK } from './chunk-files.json';
import { importChunk, withDevBuild } from './chunk-url.js';

/**
 * Loads the leak sentinel the first time the visitor focuses a text field:
 * form data cannot leak before there is any, and pages without forms never
 * pay for it. The sentinel itself decides which fields hold contact data.
 */
export function watchFormsOnDemand(scriptSrc: string, options: SentinelOptions): void {
  const onFocus = (event: FocusEvent) => {
    if (!(event.target instanceof HTMLInputElement)) return;
    document.removeEventListener('focusin', onFocus, true);
    importChunk<typeof import('./sentinel-chunk.js')>(withDevBuild(SENTINEL_CHUNK), scriptSrc).then(
      // Through the head's own request hooks: the chunk does not wrap the page a second time.
      (sentinel) => sentinel.startSentinel(options, { inspectNetwork, inspectElementUrls }),
      (error: unknown) => console.error('[samtycke] the leak sentinel could not be loaded', error),
    );
  };
  document.addEventListener('focusin', onFocus, true);
}

/** Sentinel settings from the raw config: read defensively, they can only make it stricter. */
export function sentinelOptions(input: unknown): SentinelOptions | null {
  const raw = looseRecord(input);
  const sentinel = looseRecord(raw.sentinel);
  if (sentinel.mode === 'off') return null;
  return {
    mode: sentinel.mode === 'block' ? 'block' : 'report',
    operatorType: sentinel.operatorType === 'ecs' ? 'ecs' : 'other',
    controller: typeof raw.controller === 'string' ? raw.controller : undefined,
  };
}
