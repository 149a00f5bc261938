import { expect } from '@esm-bundle/chai';
import { createConsent, type Consent } from '../../src/entries/index.js';
import { browserCookies, clearCookies, clearDocumentCookies, type BrowserCookie } from '../helpers/browser.js';
import { runInsideClick } from '../helpers/click-with-mouse.js';
import { engine } from '../helpers/engine.js';
import { siteConfig } from '../fixtures/config.js';

/** The real collector on this origin (test/helpers/real-collector-plugin.mjs), renewing for 182 days. */
const ENDPOINT = '/real-collector/v1/proofs';
const QUEUE_KEY = 'samtycke:proofs';
const DAY = 86_400_000;
const created: Consent[] = [];

const rawCookie = (): string => document.cookie.split('; ').find((entry) => entry.startsWith('samtycke='))!.slice('samtycke='.length);
const keptCookie = async (): Promise<BrowserCookie> => (await browserCookies()).find((cookie) => cookie.name === 'samtycke')!;

/** What Safari does to a cookie written by script: it keeps it 7 days at most (WebKit's tracking prevention does it by itself). */
function capAtSevenDays(raw: string): void {
  document.cookie = `samtycke=${raw}; Path=/; Max-Age=${7 * 86400}; SameSite=Lax`;
}

let releaseRequests: (() => void) | undefined;

/**
 * Holds the page's fetch requests to `url` until the returned function is
 * called; they then go out unchanged, to the real collector.
 */
function holdRequests(url: string): () => void {
  const original = window.fetch;
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  window.fetch = async (input, init) => {
    if (String(input instanceof Request ? input.url : input).includes(url)) await opened;
    return original.call(window, input, init);
  };
  releaseRequests = () => {
    window.fetch = original;
    releaseRequests = undefined;
    open();
  };
  return releaseRequests;
}

/** Days from now until the kept decision cookie expires. */
const daysLeft = async (): Promise<number> => ((await keptCookie()).expires * 1000 - Date.now()) / DAY;

/** Makes a decision with a real click, sending proofs to `endpoint` if given. */
async function decideOnly(decision: (consent: Consent) => unknown, endpoint?: string): Promise<Consent> {
  const consent = createConsent(siteConfig(endpoint ? { collector: { endpoint } } : {}), { autoShow: false });
  created.push(consent);
  expect(await runInsideClick(window, () => decision(consent))).to.equal(true);
  return consent;
}

/** Decides, waits for the proof to be acknowledged, and returns the record sent. */
async function decide(decision: (consent: Consent) => unknown) {
  // The proof leaves at once and may be acknowledged before the test reads it: held back until read.
  const release = holdRequests(ENDPOINT);
  const consent = await decideOnly(decision, ENDPOINT);
  const [record] = consent.proof!.pending();
  expect(record, 'the proof record of the decision').to.not.equal(undefined);
  release();
  await consent.proof!.flush();
  expect(consent.proof!.pending(), 'acknowledged by the collector').to.have.length(0);
  return { consent, record: record! };
}

/** Sends the same record again (the collector acknowledges it as a duplicate). */
async function resend(consent: Consent, record: unknown): Promise<void> {
  localStorage.setItem(QUEUE_KEY, JSON.stringify([{ record, attempts: 0, due: 0 }]));
  await consent.proof!.flush();
  expect(consent.proof!.pending()).to.have.length(0);
}

describe('the decision cookie, renewed by a same-origin collector', () => {
  beforeEach(async () => {
    await clearCookies();
    localStorage.removeItem(QUEUE_KEY);
  });
  afterEach(() => {
    releaseRequests?.();
    for (const consent of created.splice(0)) consent.destroy();
    clearDocumentCookies();
    localStorage.removeItem(QUEUE_KEY);
  });

  it('sets the same cookie, readable by script, for the rest of the renewal period', async () => {
    const { consent, record } = await decide((c) => c.acceptAll());
    const raw = rawCookie();
    capAtSevenDays(raw);
    const capped = await keptCookie();
    expect(capped.expires * 1000 - Date.now(), 'the positive control: 7 days left').to.be.below(7 * DAY + 60_000);

    await resend(consent, record);
    const renewed = await keptCookie();
    const decidedAt = consent.state.decidedAt!;
    expect(renewed.value).to.equal(raw, 'same value: same decision, same date');
    expect(renewed.httpOnly).to.equal(false);
    expect(renewed.path).to.equal('/');
    expect(renewed.sameSite).to.equal('Lax');
    expect(Math.abs(renewed.expires * 1000 - (decidedAt + 182 * DAY))).to.be.below(60_000, 'lives until the decision is due for renewal');
    expect(rawCookie()).to.equal(raw, 'the head script still reads it');
  });

  it('never renews a cookie that does not match the acknowledged record', async () => {
    const { consent, record } = await decide((c) => c.rejectAll());
    const raw = rawCookie();
    const decision = JSON.parse(decodeURIComponent(raw));
    // A cookie that grants more than the decision the record proves.
    const forged = encodeURIComponent(JSON.stringify({ ...decision, c: { ...decision.c, marketing: 1 } }));
    capAtSevenDays(forged);
    await resend(consent, record);
    const kept = await keptCookie();
    expect(kept.value).to.equal(forged);
    expect(kept.expires * 1000 - Date.now(), 'not renewed').to.be.below(7 * DAY + 60_000);
  });
});

/**
 * The decision cookie's lifetime under the engine's own cookie policy, nothing
 * simulated. WebKit runs with Intelligent Tracking Prevention on, as Safari does
 * (test/helpers/engines/webkit-browser.py): it keeps a cookie written by script
 * 7 days at most and one set by the server as long as the server says.
 * Chromium and Firefox keep both for the whole renewal period.
 */
describe('the decision cookie under the engine\'s tracking prevention', () => {
  /** How long this engine keeps the decision cookie the script writes. */
  const scriptCookieDays = engine === 'webkit' ? 7 : 182;

  beforeEach(async () => {
    await clearCookies();
    localStorage.removeItem(QUEUE_KEY);
  });
  afterEach(() => {
    releaseRequests?.();
    for (const consent of created.splice(0)) consent.destroy();
    clearDocumentCookies();
    localStorage.removeItem(QUEUE_KEY);
  });

  it(`without a collector on the site's origin lives as long as a script-written cookie may: ${engine === 'webkit' ? '7 days in WebKit' : '182 days'}`, async () => {
    await decideOnly((c) => c.acceptAll());
    expect(await daysLeft()).to.be.within(scriptCookieDays - 0.01, scriptCookieDays + 0.01);
  });

  it('with the collector on the site\'s origin lives the whole renewal period, in WebKit too', async () => {
    // The proof leaves at once; held back, the cookie can be read as the script wrote it first.
    const release = holdRequests(ENDPOINT);
    const consent = await decideOnly((c) => c.rejectAll(), ENDPOINT);
    const raw = rawCookie();
    expect(await daysLeft(), 'as written by script').to.be.within(scriptCookieDays - 0.01, scriptCookieDays + 0.01);

    release();
    await consent.proof!.flush();
    expect(consent.proof!.pending(), 'acknowledged by the collector').to.have.length(0);
    const renewed = await keptCookie();
    expect(renewed.value).to.equal(raw, 'same decision, same date');
    expect(Math.abs(renewed.expires * 1000 - (consent.state.decidedAt! + 182 * DAY))).to.be.below(60_000, 'kept until the decision is due for renewal');
    expect(rawCookie()).to.equal(raw, 'the head script still reads it');
  });
});
