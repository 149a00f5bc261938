import { looseRecord } from '../internal/loose.js';
import { inspectElementUrls, inspectNetwork } from '../internal/request-hooks.js';
import { sentinel as SENTINEL_CHUNK } from './chunk-files.json';
import { importChunk, withDevBuild } from './chunk-url.js';

/**
 * Loads the leak sentinel the first time the visitor focuses a text field:
 * form data cannot leak before there is any, and pages without forms never
 * pay for it. The chunk reads its settings from the raw config (they can only
 * make it stricter) and decides which fields hold contact data. `sentinel.mode:
 * "off"` turns it off.
 */
export function watchFormsOnDemand(scriptSrc: string, config: unknown): void {
  if (looseRecord(looseRecord(config).sentinel).mode === 'off') return;
  const onFocus = (event: FocusEvent) => {
    if (!(event.target instanceof HTMLInputElement)) return;
    document.removeEventListener('focusin', onFocus, true);
    importChunk<typeof import('./sentinel-chunk.js')>(withDevBuild(SENTINEL_CHUNK), scriptSrc).then(
      // Through the head's own request hooks: the chunk does not wrap the page a second time.
      (sentinel) => sentinel.startSentinelFromConfig(config, { inspectNetwork, inspectElementUrls }),
      (error: unknown) => console.error('[samtycke] the leak sentinel could not be loaded', error),
    );
  };
  document.addEventListener('focusin', onFocus, true);
}
