// Server rendering: every public entry of the npm package imports in Node without a DOM, and what a
// consent object does there is explicit: nothing (inert: no consent, nothing stored, nothing decided).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setImmediate } from 'node:timers/promises';

const entries = ['index', 'ui', 'sentinel', 'react', 'vue', 'svelte'];

test('each public entry imports on a server without throwing', async () => {
  for (const entry of entries) await import(`../../dist/esm/${entry}.js`);
  assert.equal(typeof globalThis.document, 'undefined', 'nothing defined a DOM on the way');
});

test('getConsent() on a server is inert: nothing granted, decided, stored or subscribed', async () => {
  const { getConsent, inertConsent } = await import('../../dist/esm/index.js');
  const consent = getConsent();
  assert.equal(consent, inertConsent);
  assert.equal(consent.has('analytics'), false);
  assert.deepEqual({ ...consent.state }, { decided: false, choices: {}, consentId: null, decidedAt: null, expiresAt: null, revision: '', gpc: false });
  for (const decide of ['acceptAll', 'rejectAll', 'withdraw', 'dismiss']) assert.equal(consent[decide](), false, decide);
  assert.equal(consent.set({ analytics: true }), false);
  assert.deepEqual(consent.blocked(), []);
  const off = consent.on('change', () => assert.fail('an inert object never changes'));
  off();
  // when() never resolves: a resolved marker after a full turn of the event loop wins the race.
  const winner = await Promise.race([consent.when('analytics').then(() => 'granted'), setImmediate('still waiting')]);
  assert.equal(winner, 'still waiting');
  assert.throws(() => { consent.state.choices.analytics = true; }, TypeError, 'its state cannot be changed either');
});

test('createConsent() on a server says it needs a browser, instead of failing on a missing document', async () => {
  const { createConsent } = await import('../../dist/esm/index.js');
  const config = { revision: '2026-11-01', policyUrl: '/privacy', categories: [{ id: 'analytics' }] };
  assert.throws(() => createConsent(config), { name: 'Error', message: /createConsent\(\) needs a browser.*getConsent\(\)/ });
});

test('the framework bindings render the inert state on a server', async () => {
  const { inertConsent } = await import('../../dist/esm/index.js');
  const { consentStore, grantedStore } = await import('../../dist/esm/svelte.js');
  const { get } = await import('svelte/store');
  const snapshot = get(consentStore());
  assert.equal(snapshot.consent, inertConsent);
  assert.equal(snapshot.state, inertConsent.state);
  assert.equal(snapshot.has('analytics'), false);
  assert.equal(get(grantedStore('analytics')), false);
  const { createElement } = await import('react');
  const { renderToString } = await import('react-dom/server');
  const { useConsent, useGranted } = await import('../../dist/esm/react.js');
  const Probe = () => {
    const { state, has } = useConsent();
    return createElement('p', null, `${state.decided}/${has('analytics')}/${useGranted('analytics')}`);
  };
  assert.equal(renderToString(createElement(Probe)), '<p>false/false/false</p>');
  const { createSSRApp, h } = await import('vue');
  const { renderToString: renderVue } = await import('vue/server-renderer');
  const { useConsent: useVueConsent, useGranted: useVueGranted } = await import('../../dist/esm/vue.js');
  const app = createSSRApp({
    setup() {
      const { state, has } = useVueConsent();
      const granted = useVueGranted('analytics');
      return () => h('p', `${state.value.decided}/${has('analytics')}/${granted.value}`);
    },
  });
  assert.equal(await renderVue(app), '<p>false/false/false</p>');
  assert.equal(typeof globalThis.document, 'undefined');
});

test('samtycke/ui on a server registers nothing and renders nothing', async () => {
  const ui = await import('../../dist/esm/ui.js');
  assert.equal(typeof ui.connectUi, 'function');
  assert.equal(typeof globalThis.customElements, 'undefined');
});
