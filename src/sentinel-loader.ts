import type { SentinelOptions } from './sentinel/index.js';

declare const DEV_MODE: boolean | undefined;

/** File name of the leak sentinel chunk, next to the script-tag bundle. */
const SENTINEL_CHUNK = typeof DEV_MODE !== 'undefined' && DEV_MODE ? 'samtycke-sentinel.dev.js' : 'samtycke-sentinel.js';

/**
 * Loads the leak sentinel the first time the visitor focuses a text field:
 * form data cannot leak before there is any, and pages without forms never
 * pay for it. The sentinel itself decides which fields hold contact data.
 */
export function watchFormsOnDemand(scriptSrc: string, options: SentinelOptions): void {
  const onFocus = (event: FocusEvent) => {
    if (!(event.target instanceof HTMLInputElement)) return;
    document.removeEventListener('focusin', onFocus, true);
    import(/* @vite-ignore */ new URL(SENTINEL_CHUNK, scriptSrc).href).then(
      (sentinel: typeof import('./sentinel/index.js')) => sentinel.watchForLeaks(options),
      (error: unknown) => console.error('[samtycke] the leak sentinel could not be loaded', error),
    );
  };
  document.addEventListener('focusin', onFocus, true);
}

/** Sentinel settings from the raw config: read defensively, they can only make it stricter. */
export function sentinelOptions(input: unknown): SentinelOptions | null {
  const raw = (input ?? {}) as { sentinel?: { mode?: unknown; operatorType?: unknown }; controller?: unknown };
  const mode = raw.sentinel?.mode;
  if (mode === 'off') return null;
  return {
    mode: mode === 'block' ? 'block' : 'report',
    operatorType: raw.sentinel?.operatorType === 'ecs' ? 'ecs' : 'other',
    controller: typeof raw.controller === 'string' ? raw.controller : undefined,
  };
}
