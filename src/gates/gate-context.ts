import type { BlockedKind, Consent } from '../consent/contract.js';
import type { ConsentModeState } from './consent-mode.js';
import type { Leftovers } from './leftovers.js';
import type { GateRules, GateService } from './rules.js';

/**
 * What the blocking half of the gates (`gate-keeper.ts`, in the head script)
 * shares with the half that loads on demand (`gate-actions.ts`,
 * `dist/samtycke-gates.js`). Neither half imports the other.
 */
export interface GateContext {
  readonly consent: Consent;
  readonly rules: GateRules;
  readonly config: unknown;
  /** Categories whose scripts ran or embeds loaded: they cannot be unloaded, so revoking them reloads. */
  readonly ran: Set<string>;
  /** Gated elements already listed in the log. */
  readonly logged: WeakSet<Element>;
  /** Sets an attribute past the gates (to activate what was granted, or loaded once). */
  setAttribute(element: Element, name: string, value: string): void;
  parse(value: unknown): URL | null;
  /** The not-granted service a request to `value` would reach; the attempt is recorded. */
  denied(value: unknown, kind: BlockedKind): GateService | undefined;
  /** Keeps back the URLs of an element that arrived with them set (parsed markup): true when it held one. */
  holdBack(element: Element): boolean;
  /** The same for an element of markup being cleaned: listed once it is in its own document, not now. */
  holdBackQuietly(element: Element): boolean;
  /** The page's document, the documents of the same-origin frames the gates observe, and the shadow roots a gated element was put in. */
  documents(): (Document | ShadowRoot)[];
  /** The page's CSP nonce (empty without one), for the first script of a frame document samtycke rewrites. */
  readonly nonce: string;
  /** Every `srcdoc` samtycke wrote: a frame that shows up with one of these needs no second look. */
  readonly clean: Set<string>;
}

/** The steps the on-demand half offers, run in the order they were asked for. */
export interface GateActions {
  /** Activates a gated element, or lists it and gives an iframe its placeholder. */
  gate(element: Element): void;
  /** Gates every gated element in the page: activates what is granted now. */
  scan(): void;
  /** Erases what refused services left (R28). */
  erase(found: Leftovers): void;
  /** Tells the vendors that have a consent API of their own about a change (R29). */
  signalVendors(types: ConsentModeState): void;
  /**
   * Gives a frame the blocking half kept back the document it may load, with
   * refused URLs held back and `FRAME_HOOK` in front (`frame-gate.ts`): its
   * `srcdoc`, or a copy of its `blob:` document, set as `name` past the
   * gates, once `current()` (asked once, when the document is ready) says
   * the frame still waits for it. What cannot be checked is not loaded.
   */
  loadFrame(frame: Element, name: 'src' | 'srcdoc', content: unknown, kind: FrameContent, current: () => boolean): Promise<void>;
}

/**
 * What a kept-back frame was to load: `srcdoc` markup the page set (a string
 * or a TrustedHTML, as given), `srcdoc` markup that came with the frame's own
 * markup (`parsed`: a string already in the page), or the Blob of a `blob:`
 * URL, being read.
 */
export type FrameContent = 'srcdoc' | 'parsed' | 'blob';

/** The module `dist/samtycke-gates.js` (and `gate-actions.ts` in the npm build). */
export interface GateActionsModule {
  createGateActions(context: GateContext): GateActions;
}
