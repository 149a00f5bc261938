/**
 * Waits for a condition the page reaches by itself (a render, a script run, a
 * request counted by the server) and resolves with the first truthy value
 * `read` gives. `read` runs at once and again after each task (a zero-delay
 * timer, which the browser spaces out to about 4 ms), and the wait fails with
 * "timed out waiting for <what>" once `timeoutMs` milliseconds have passed.
 *
 * It waits on the outcome itself, never for a fixed time: a test that needs
 * "nothing happened" first waits with it for something that did happen later
 * (a positive control), then checks.
 *
 * @example const banner = await until(() => document.querySelector('samtycke-banner'), 'the banner');
 */
export async function until<T>(read: () => T | Promise<T>, what: string, timeoutMs = 5000): Promise<NonNullable<T>> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value) return value as NonNullable<T>;
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what} (${timeoutMs} ms)`);
    await new Promise((resolve) => setTimeout(resolve));
  }
}
