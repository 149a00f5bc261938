import { expect } from '@esm-bundle/chai';
import { createConsent, type Consent, type ConsentState, type Decision } from '../../src/entries/index.js';
import { browserCookies } from '../helpers/browser.js';
import { runInsideClick } from '../helpers/click-with-mouse.js';
import { engine } from '../helpers/engine.js';
import { useFreshPage } from '../helpers/fresh-page.js';
import { siteConfig } from '../fixtures/config.js';
import { configText } from '../helpers/page.js';
import { storeDecision } from '../helpers/stored-decision.js';

const DAY = 24 * 60 * 60 * 1000;
const created: Consent[] = [];

/** A consent object on a clock the test controls. */
function open(clock = { now: Date.UTC(2026, 10, 23, 12) }, overrides = {}): Consent {
  const consent = createConsent(siteConfig(overrides), { now: () => clock.now, autoShow: false });
  created.push(consent);
  return consent;
}

function rawCookie(): string | undefined {
  const entry = document.cookie.split('; ').find((part) => part.startsWith('samtycke='));
  return entry ? decodeURIComponent(entry.slice('samtycke='.length)) : undefined;
}

describe('consent core', () => {
  useFreshPage(() => {
    for (const consent of created.splice(0)) consent.destroy();
  });

  it('starts undecided with nothing granted but necessary', () => {
    const consent = open();
    expect(consent.state.decided).to.equal(false);
    expect(consent.has('necessary')).to.equal(true);
    expect(consent.has('analytics')).to.equal(false);
    expect(consent.has('ga4')).to.equal(false);
    expect(consent.has('no-such-thing')).to.equal(false);
    expect(document.cookie).not.to.contain('samtycke=');
  });

  it('stores an acceptance in a minimal first-party cookie that survives a reload (R22)', async () => {
    const consent = open();
    expect(await runInsideClick(window, () => consent.acceptAll())).to.equal(true);
    expect(consent.has('analytics') && consent.has('marketing') && consent.has('meta-pixel')).to.equal(true);
    const stored = JSON.parse(rawCookie()!);
    expect(Object.keys(stored).sort()).to.deep.equal(['c', 'h', 'id', 'r', 't', 'v']);
    expect(stored.c).to.deep.equal({ analytics: 1, marketing: 1, media: 1 });
    expect(stored.id).to.equal(consent.state.consentId);

    const cookie = (await browserCookies()).find((entry) => entry.name === 'samtycke')!;
    expect(cookie.sameSite).to.equal('Lax');
    expect(cookie.path).to.equal('/');
    expect(cookie.domain).to.equal(location.hostname);
    expect(cookie.httpOnly).to.equal(false);
    const lifetimeDays = (cookie.expires * 1000 - Date.now()) / DAY;
    // WebKit, like Safari, keeps a cookie written by script 7 days at most; a collector on the site's
    // origin renews it (docs/browsers.md, test/storage/decision-cookie-renewal.test.ts).
    const keptDays = engine === 'webkit' ? 7 : 182;
    expect(lifetimeDays).to.be.within(keptDays - 0.1, keptDays + 0.01);

    const reloaded = open();
    expect(reloaded.state.decided).to.equal(true);
    expect(reloaded.has('analytics')).to.equal(true);
    expect(reloaded.state.consentId).to.equal(consent.state.consentId);
  });

  it('remembers a refusal exactly like an acceptance (R20)', () => {
    const consent = open();
    expect(consent.rejectAll()).to.equal(true);
    const reloaded = open();
    expect(reloaded.state.decided).to.equal(true);
    expect(reloaded.has('analytics')).to.equal(false);
    expect(JSON.parse(rawCookie()!).c).to.deep.equal({ analytics: 0, marketing: 0, media: 0 });
  });

  it('asks again after 182 days and not before (R21)', async () => {
    const clock = { now: Date.UTC(2026, 0, 1) };
    const consent = open(clock);
    await runInsideClick(window, () => consent.acceptAll());
    clock.now += 181 * DAY;
    expect(open(clock).has('analytics')).to.equal(true);
    clock.now += 2 * DAY;
    const later = open(clock);
    expect(later.state.decided).to.equal(false);
    expect(later.has('analytics')).to.equal(false);
  });

  it('honours a shorter configured renewal', async () => {
    const clock = { now: Date.UTC(2026, 0, 1) };
    await runInsideClick(window, () => open(clock, { retention: '30d' }).acceptAll());
    clock.now += 29 * DAY;
    expect(open(clock, { retention: '30d' }).state.decided).to.equal(true);
    clock.now += 2 * DAY;
    expect(open(clock, { retention: '30d' }).state.decided).to.equal(false);
  });

  it('forgets a decision made under another revision (R24)', async () => {
    await runInsideClick(window, () => open().acceptAll());
    const next = open(undefined, { revision: '2026-12-01' });
    expect(next.state.decided).to.equal(false);
    expect(next.has('analytics')).to.equal(false);
  });

  it('treats a corrupt, forged, future-dated or oversized cookie as no consent, without throwing (R23)', () => {
    const valid = { v: 1, id: '0b7d2a5e-8c1f-4a57-9d7e-3b1f5c2a9e10', r: '2026-11-01', t: Date.UTC(2026, 10, 20), c: { analytics: 1 }, h: 'abc' };
    const cases: string[] = [
      'garbage',
      '%E0%A4%A',
      '{"v":1',
      JSON.stringify({ ...valid, v: 2 }),
      JSON.stringify({ ...valid, c: { analytics: true, marketing: 'yes' } }),
      JSON.stringify({ ...valid, id: 'not-a-uuid' }),
      JSON.stringify({ ...valid, extra: 'field' }),
      JSON.stringify({ ...valid, t: Date.UTC(2027, 0, 1) }),
      JSON.stringify({ ...valid, t: -5 }),
      JSON.stringify({ ...valid, c: { analytics: 1, ['x'.repeat(3000)]: 1 } }),
      JSON.stringify([valid]),
      'null',
    ];
    for (const value of cases) {
      document.cookie = `samtycke=${encodeURIComponent(value)}; Path=/`;
      const consent = open();
      expect(consent.state.decided, value.slice(0, 60)).to.equal(false);
      expect(consent.has('analytics'), value.slice(0, 60)).to.equal(false);
    }
    document.cookie = `samtycke=${encodeURIComponent(JSON.stringify(valid))}; Path=/`;
    expect(open().has('analytics')).to.equal(true);
  });

  it('sets categories one by one (R10)', async () => {
    const consent = open();
    await runInsideClick(window, () => consent.set({ analytics: true }));
    expect(consent.state.choices).to.deep.equal({ necessary: true, analytics: true, marketing: false, media: false });
    expect(consent.has('ga4')).to.equal(true);
    expect(consent.has('meta-pixel')).to.equal(false);
  });

  it('withdraws every grant, keeps the consent id and records the withdrawal (R27, R28)', async () => {
    const consent = open();
    await runInsideClick(window, () => consent.acceptAll());
    const id = consent.state.consentId;
    const decisions: Decision[] = [];
    consent.on('decision', (decision) => decisions.push(decision));
    expect(consent.withdraw()).to.equal(true);
    expect(consent.has('analytics') || consent.has('marketing') || consent.has('media')).to.equal(false);
    expect(consent.state.consentId).to.equal(id);
    expect(decisions.map((decision) => decision.action)).to.deep.equal(['withdraw']);
    expect(decisions[0]!.previous).to.deep.equal({ necessary: true, analytics: true, marketing: true, media: true });
    expect(open().has('analytics')).to.equal(false);
  });

  it('decides on a plain-http page, where crypto.randomUUID does not exist', () => {
    const original = crypto.randomUUID;
    (crypto as { randomUUID?: unknown }).randomUUID = undefined;
    try {
      const consent = open();
      expect(consent.rejectAll()).to.equal(true);
      expect(consent.state.consentId).to.match(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    } finally {
      crypto.randomUUID = original;
    }
  });

  it('records dismissal as a refusal, never as consent (R12)', () => {
    const consent = open();
    expect(consent.dismiss()).to.equal(true);
    expect(consent.state.decided).to.equal(true);
    expect(consent.has('analytics')).to.equal(false);
  });

  it('resolves when() only after a grant', async () => {
    const consent = open();
    let resolved = false;
    const waiting = consent.when('analytics').then(() => (resolved = true));
    consent.rejectAll();
    await Promise.resolve();
    expect(resolved).to.equal(false);
    await runInsideClick(window, () => consent.set({ analytics: true }));
    await waiting;
    expect(resolved).to.equal(true);
  });

  it('emits change to listeners and as a typed DOM event, and keeps going when a listener throws', async () => {
    const consent = open();
    const seen: ConsentState[] = [];
    const fromDom: ConsentState[] = [];
    const onDom = (event: GlobalEventHandlersEventMap['samtycke:change']) => fromDom.push(event.detail);
    document.addEventListener('samtycke:change', onDom);
    const original = window.onerror;
    window.onerror = () => true;
    consent.on('change', () => {
      throw new Error('a broken listener');
    });
    const off = consent.on('change', (state) => seen.push(state));
    await runInsideClick(window, () => consent.acceptAll());
    off();
    consent.rejectAll();
    window.onerror = original;
    document.removeEventListener('samtycke:change', onDom);
    expect(seen).to.have.length(1);
    expect(seen[0]!.choices.analytics).to.equal(true);
    expect(fromDom.map((state) => state.choices.analytics)).to.deep.equal([true, false]);
  });

  it('picks up a decision made in another tab without a reload', async () => {
    const here = open();
    const otherTab = open();
    const changed = new Promise<ConsentState>((resolve) => here.on('change', resolve));
    await runInsideClick(window, () => otherTab.acceptAll());
    const state = await changed;
    expect(state.choices.analytics).to.equal(true);
    expect(here.has('marketing')).to.equal(true);
    const withdrawn = new Promise<ConsentState>((resolve) => here.on('change', resolve));
    otherTab.withdraw();
    expect((await withdrawn).choices.marketing).to.equal(false);
  });

  it('reads the decision again when the page is restored from the back/forward cache, where another tab\'s notice can be lost', async () => {
    const here = open({ now: Date.now() });
    // Another tab's decision whose notice never arrived: only the cookie has it.
    await storeDecision(configText(siteConfig()), { analytics: 1, marketing: 0, media: 0 });
    window.dispatchEvent(new PageTransitionEvent('pageshow', { persisted: false }));
    // The control: a page loaded afresh was read at its start and is not read again.
    expect(here.state.decided).to.equal(false);
    const changed = new Promise<ConsentState>((resolve) => here.on('change', resolve));
    window.dispatchEvent(new PageTransitionEvent('pageshow', { persisted: true }));
    expect((await changed).choices).to.include({ analytics: true, marketing: false });
    expect(here.has('analytics')).to.equal(true);
  });

  it('runs nothing optional in a sensitive zone, whatever was chosen, and keeps the choice (R41)', async () => {
    const consent = open();
    await runInsideClick(window, () => consent.acceptAll());
    const here = location.pathname;
    const zoned = open(undefined, { sensitiveZones: [`${here}*`] });
    expect(zoned.has('analytics') || zoned.has('marketing') || zoned.has('ga4')).to.equal(false);
    expect(zoned.has('necessary')).to.equal(true);
    expect(zoned.state.choices.analytics).to.equal(true);
    expect(open(undefined, { sensitiveZones: ['/booking/*'] }).has('analytics')).to.equal(true);
  });

  it('follows a client-side route change into and out of a sensitive zone, as a single-page app navigates (R41)', async () => {
    const consent = open(undefined, { sensitiveZones: ['/booking/*'] });
    await runInsideClick(window, () => consent.acceptAll());
    const here = location.href;
    expect(consent.has('analytics')).to.equal(true);
    try {
      history.pushState(null, '', '/booking/1');
      expect(consent.has('analytics') || consent.has('marketing') || consent.has('ga4')).to.equal(false);
      expect(consent.has('necessary')).to.equal(true);
      expect(consent.state.choices.analytics).to.equal(true);
    } finally {
      history.replaceState(null, '', here);
    }
    expect(consent.has('analytics') && consent.has('ga4')).to.equal(true);
  });

  it('asks the UI for the banner only when there is no current decision', async () => {
    const shows: string[] = [];
    const onShow = (event: GlobalEventHandlersEventMap['samtycke:show']) => shows.push(event.detail.view);
    document.addEventListener('samtycke:show', onShow);
    const first = createConsent(siteConfig());
    created.push(first);
    await Promise.resolve();
    expect(shows).to.deep.equal(['banner']);
    first.rejectAll();
    created.push(createConsent(siteConfig()));
    await Promise.resolve();
    expect(shows).to.deep.equal(['banner']);
    first.showPreferences();
    expect(shows).to.deep.equal(['banner', 'preferences']);
    document.removeEventListener('samtycke:show', onShow);
  });
});
