// A stand-in for an analytics client installed from npm (posthog-js, amplitude, …): it keeps its own
// references to the browser's request APIs when its module is evaluated and sends a page view at
// once, before the app has run a line. The head script, first in <head>, holds every one of these
// requests back until the visitor grants "analytics", and again after a withdrawal.
const port = location.port ? `:${location.port}` : '';
const endpoint = `${location.protocol}//analytics.localhost${port}/collect`;
const send = { fetch: window.fetch.bind(window), beacon: navigator.sendBeacon.bind(navigator), Image: window.Image };

/**
 * Sends one event, by fetch and by beacon, the way analytics clients do.
 * @param {string} event
 */
export function track(event) {
  const url = `${endpoint}?event=${encodeURIComponent(event)}&page=${encodeURIComponent(location.pathname)}`;
  send.fetch(url, { method: 'POST', mode: 'no-cors', keepalive: true }).catch(() => undefined);
  send.beacon(`${url}&via=beacon`);
}

// The page view, at import time.
new send.Image().src = `${endpoint}?event=pageview&via=image`;
track('pageview');
