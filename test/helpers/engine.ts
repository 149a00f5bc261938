/**
 * The browser engine a test runs in, the one way to mark a test that only
 * Chromium can run, and the engine limits (see the comment at the top of
 * web-test-runner.config.mjs, and docs/browsers.md).
 */
export type Engine = 'chromium' | 'firefox' | 'webkit';

/** The engine of this page, from its user agent (the three the suite runs in tell themselves apart there). */
export const engine: Engine = /Firefox\//.test(navigator.userAgent) ? 'firefox' : /Chrome\//.test(navigator.userAgent) ? 'chromium' : 'webkit';

/**
 * `it` for a test that needs Chromium's DevTools protocol (`cdpCookies()`,
 * `a11ySnapshot()`, a CDP session): it runs in Chromium, and Firefox and
 * WebKit list it as skipped. Everything else uses `it`, and an engine-neutral
 * way to observe (document.cookie or `browserCookies()`, the tracker server's
 * hit log, the collector's records).
 *
 * @example itInChromium('exposes a named region in the accessibility tree', async () => { … });
 */
export const itInChromium: Mocha.TestFunction | Mocha.PendingTestFunction = engine === 'chromium' ? it : it.skip;

/**
 * What an engine cannot do that samtycke relies on elsewhere, and which
 * engines: each is explained, with what the visitor sees, in
 * docs/browsers.md#engine-limits.
 */
const LIMITS = {
  /** Firefox ESR 153 keeps a failed module fetch for the page's life: a chunk that failed once fails again until a reload. */
  'failed-chunk-stays-failed': ['firefox'],
  /** WebKitGTK 2.50 leaves a `srcdoc` frame nested in a frame document samtycke checked on about:blank: it stays empty. */
  'nested-srcdoc-stays-empty': ['webkit'],
} as const satisfies Record<string, readonly Engine[]>;

/**
 * `it` for a test of behaviour that an engine limit (LIMITS above) rules out in
 * some engines: it runs in the others and is listed as skipped there.
 *
 * @example itUnlessLimit('failed-chunk-stays-failed')('retries the UI chunk on the next click', async () => { … });
 */
export function itUnlessLimit(limit: keyof typeof LIMITS): Mocha.TestFunction | Mocha.PendingTestFunction {
  return (LIMITS[limit] as readonly Engine[]).includes(engine) ? it.skip : it;
}
