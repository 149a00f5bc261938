/**
 * Whether this call comes from a user gesture (R14). Browsers without the
 * User Activation API fall back to the event being handled, if the browser made it.
 */
export function hasUserActivation(): boolean {
  if (navigator.userActivation) return navigator.userActivation.isActive;
  return (globalThis as { event?: Event }).event?.isTrusted === true;
}
