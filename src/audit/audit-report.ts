/**
 * The shapes of an audit report (`samtycke audit --json`), documented in
 * docs/audit.md. Times are ms since the epoch unless a name says otherwise;
 * lifetimes are days; sizes are bytes.
 */

/** The five passes, each in a fresh browser profile. */
export type PassId = 'first-visit' | 'reject' | 'accept' | 'withdraw' | 'gpc';

/** What the audit knows about a host, cookie or storage key. */
export interface Classification {
  /**
   * `necessary`: strictly necessary, or the site's own host; `optional`: needs
   * consent (analytics, marketing, personalisation, media…); `unknown`: neither
   * the site's config nor the Open Cookie Database says.
   */
  verdict: 'necessary' | 'optional' | 'unknown';
  /** Where the verdict comes from. */
  source: 'config' | 'consent-cookie' | 'open-cookie-database' | 'first-party' | 'none';
  /** The config's category id, or the database's category (`Analytics`, `Marketing`…). */
  category?: string;
  /** The config's service id, or the database's platform (`Google Analytics`). */
  service?: string;
  /** A marketing category: refused under Global Privacy Control (R48). */
  marketing: boolean;
}

/** Who set a cookie, when the audit could tell. */
export interface CookieOrigin {
  /** `response`: a Set-Cookie header; `script`: `document.cookie` or the Cookie Store API. */
  kind: 'response' | 'script';
  /** The response URL, or the URL of the script on top of the stack (the page for inline code). */
  url: string;
}

/** A cookie write as seen: who, and the lifetime asked for (days; `null` for a session cookie). */
export interface CookieWrite extends CookieOrigin {
  requestedDays: number | null;
}

/** One cookie as the browser holds it (CDP `Network.getAllCookies`: HttpOnly and third-party included). */
export interface CookieRecord {
  name: string;
  domain: string;
  path: string;
  /** Expiry (ms since the epoch), or `null` for a session cookie. */
  expires: number | null;
  /** Days from the moment it was read to its expiry; `null` for a session cookie. */
  lifetimeDays: number | null;
  /**
   * Days the setter asked for (Max-Age or Expires of its last write), when the
   * write was seen: Chromium keeps a cookie at most 400 days, so a two-year
   * cookie reads as 400 in `lifetimeDays`.
   */
  requestedDays?: number | null;
  /** Name plus value, in bytes. */
  size: number;
  httpOnly: boolean;
  secure: boolean;
  sameSite: string;
  /** Set on another site than the audited page's. */
  thirdParty: boolean;
  /** The value looks like an e-mail or IP address (R22); the value itself is not reported. */
  looksPersonal: boolean;
  setBy?: CookieOrigin;
  classification: Classification;
}

/** The storage of one origin. */
export interface StorageRecord {
  origin: string;
  localStorage: string[];
  sessionStorage: string[];
  indexedDB: string[];
}

/** One request that left the browser. */
export interface RequestRecord {
  /** The URL, cut at 500 characters. */
  url: string;
  host: string;
  method: string;
  /** The resource type (`script`, `image`, `fetch`, `ping`, `document`…). */
  type: string;
  /** What started it (CDP initiator): `parser`, `script` (with the script's URL), `preload`, `other`. */
  initiator?: { type: string; url?: string };
  at: number;
  /** ms after the pass's decision (negative: before it); `null` when the pass made none. */
  sinceDecision: number | null;
  /** Started after the page's load event: added late, by a tag manager or a timer (R03). */
  afterLoad: boolean;
  thirdParty: boolean;
  classification: Classification;
}

/** Cookies and storage at one moment of a pass. */
export interface Snapshot {
  /** e.g. `before-choice`, `after-escape`, `after-reject`, `before-withdrawal`, `after-withdrawal`. */
  label: string;
  at: number;
  /** The page shown at that moment. */
  page: string;
  cookies: CookieRecord[];
  storage: StorageRecord[];
}

/** A rendered control: its box (CSS px) and the computed styles that make it prominent. */
export interface ControlMeasure {
  /** The control's text, trimmed. */
  text: string;
  /** `button`, `a`, `input`… and the ARIA role if any. */
  tag: string;
  role: string | null;
  box: { x: number; y: number; width: number; height: number };
  /** Fully inside the viewport, without scrolling. */
  inViewport: boolean;
  style: {
    fontSize: string;
    fontWeight: string;
    fontFamily: string;
    color: string;
    backgroundColor: string;
    padding: string;
    border: string;
    opacity: string;
  };
  /** Contrast of the text on its (first opaque) background, e.g. 7.1 for 7.1:1. */
  contrast: number;
}

/** What the first layer offers (R05–R07). */
export interface ChoiceMeasure {
  accept: ControlMeasure | null;
  reject: ControlMeasure | null;
  /** How many visible controls match the accept / reject selectors. */
  acceptCount: number;
  rejectCount: number;
  /** Visible controls near the choices that are named like an acceptance but are not the accept control. */
  otherAcceptLike: string[];
}

/** A page visited after a decision, and whether a way back to the settings was on it (R26). */
export interface PageVisit {
  url: string;
  /** `null`: no settings selector known, so not checked. */
  settingsEntry: boolean | null;
}

/** A synthetic contact detail found in a request to another site (R39). */
export interface Leak {
  host: string;
  url: string;
  /** Which field: `email`, `phone` or `name`. */
  field: string;
  /** How it was written: `plain`, `normalised`, `url-encoded`, `base64`, `sha256`, `sha1`, `md5`… */
  encoding: string;
  /** Where in the request: `url`, `body` or `referer`. */
  where: string;
}

/** One pass: what was done and what the browser recorded. */
export interface PassRecord {
  id: PassId;
  /** `done`; `skipped` (no control to press, see `note`); `failed` (an error, see `note`). */
  status: 'done' | 'skipped' | 'failed';
  note?: string;
  startedAt: number;
  durationMs: number;
  /** When the pass's decision was clicked, if it made one. */
  decisionAt: number | null;
  /** Moments of the pass, e.g. `load`, `escape`, `outside-click`, `reject`, `settings`, `withdraw`, `forms`. */
  marks: { label: string; at: number }[];
  requests: RequestRecord[];
  snapshots: Snapshot[];
  pages: PageVisit[];
  /** First visit only. */
  choices?: ChoiceMeasure;
  /** Accept pass only: the synthetic identity's appearances in third-party requests. */
  leaks?: Leak[];
  /** Whether the choice's control was still visible after it was clicked (R05: one click decides). */
  stayedOpen?: boolean;
  /** Screenshot files, relative to the report folder (`--report`). */
  screenshots: { label: string; file: string }[];
}

/** One finding, under the rule of RULES.md it breaks. */
export interface Finding {
  /** `R01`…`R48`. */
  rule: string;
  /** `must` fails the audit (exit 1); `should` is reported only. */
  severity: 'must' | 'should';
  pass: PassId | 'all';
  message: string;
  /** The hosts, cookies, pages or measurements behind it. */
  evidence: unknown[];
}

/** The whole report, as written by `--json`. */
export interface AuditReport {
  format: 1;
  url: string;
  startedAt: number;
  durationMs: number;
  /** `samtycke` (found `<samtycke-banner>`'s controls), `selectors` (`--accept`/`--reject`/`--settings`) or `none`. */
  controls: 'samtycke' | 'selectors' | 'none';
  /** Whether a samtycke config classified hosts and cookies, and where it came from. */
  config: { source: 'page' | 'file' | 'none'; problems: string[] };
  /** The consent cookie's name, as found or given (`--consent-cookie`). */
  consentCookie: string | null;
  passes: PassRecord[];
  findings: Finding[];
  summary: {
    must: number;
    should: number;
    /** Passes that broke off with an error: the audit is incomplete, and fails. */
    failedPasses: PassId[];
    /** Every host contacted, over all passes. */
    hosts: string[];
    /** Every cookie seen, as `name@domain`. */
    cookies: string[];
  };
}
