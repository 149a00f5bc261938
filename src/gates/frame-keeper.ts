/**
 * Same-origin child frames, the part that must run from the first moment
 * (RULES R02, R03); `gate-keeper.ts` wires it in. `internal/request-hooks.ts`
 * wraps the realm of every frame the page reaches; what it cannot wrap in
 * time is a new document's parser, which fetches what its markup names
 * before any wrapper or observer could act. So:
 *
 * - `document.write` markup (in the page or a frame) is parsed in an inert
 *   document first; when it names a refused URL, the markup written is that
 *   document with the URL held back, as in the page (`data-src`,
 *   `type="text/plain"`). Markup that names none is written exactly as given.
 * - A frame's `srcdoc` and a `blob:` URL set on a frame are kept back (as a
 *   property, an attribute, or in markup) until the gates module has checked
 *   the document and hands over the one to load (`frame-gate.ts`). The
 *   frame's empty document fires `load` meanwhile; that is not passed on.
 */
import type { MarkupInspector } from '../internal/request-hooks.js';
import type { FrameContent, GateActions } from './gate-context.js';

/** What the gate keeper does for frames. */
export interface FrameKeeper {
  /** The markup inspector: `document.write` markup cleaned, a `srcdoc` kept back (nothing is set now). */
  markup: MarkupInspector;
  /** A frame as it arrives in a document (parsed markup): its `srcdoc` or `blob:` URL kept back. */
  keep(frame: Element): void;
  /** A URL about to be set as an element's `src`: true when it is a frame's `blob:` URL, kept back. */
  keepBlob(frame: Element, url: string): boolean;
  /** Whether a frame waits for its document: a `load` meanwhile is its empty document's. */
  waiting(frame: EventTarget | null): boolean;
}

/**
 * The frame half of the gate keeper, over `holdBackQuietly` (keeps back the
 * URLs of one element of inert markup; the attempt is listed once the element
 * is in its document), `later` (a step of the gates module, in order) and
 * `clean` (the `srcdoc`s and `blob:` copies the gates module wrote).
 */
export function createFrameKeeper(holdBackQuietly: (element: Element) => boolean, later: (step: (gates: GateActions) => unknown) => void, clean: ReadonlySet<string>): FrameKeeper {
  const waiting = new WeakMap<Element, { name: string }>();

  /**
   * Keeps `frame` empty until the gates module has checked its document and
   * sets it as its `name` (the checking, setting and any error are the
   * module's: they happen only once the module is there, so nothing of them
   * needs to be in the head); a later `src` or `srcdoc` replaces this one.
   */
  function wait(frame: Element, name: 'src' | 'srcdoc', content: unknown, kind: FrameContent): void {
    const token = { name };
    waiting.set(frame, token);
    later((gates) => gates.loadFrame(frame, name, content, kind, () => waiting.get(frame) === token && waiting.delete(frame)));
  }

  function keepBlob(frame: Element, url: string): boolean {
    // A new `src` replaces the one the frame waited for.
    if (waiting.get(frame)?.name === 'src') waiting.delete(frame);
    if (!/^I?FRAME$/.test(frame.tagName) || !/^\s*blob:/i.test(url) || clean.has(url)) return false;
    // Read at once: the page may revoke the URL as soon as it is set.
    wait(frame, 'src', fetch(url).then((response) => response.blob()), 'blob');
    return true;
  }

  function cleanWrite(markup: unknown): unknown {
    const parsed = new DOMParser().parseFromString(markup as string, 'text/html');
    let held = false;
    for (const element of parsed.querySelectorAll('*')) if (holdBackQuietly(element)) held = true;
    // Under Trusted Types this is a plain string: the browser refuses it, and nothing is written (never the refused URL).
    return held ? parsed.head.innerHTML + parsed.body.innerHTML : markup;
  }

  return {
    markup(markup, node, whole) {
      if (!whole) return cleanWrite(markup);
      if (typeof markup === 'string' && clean.has(markup)) return markup;
      wait(node as Element, 'srcdoc', markup, 'srcdoc');
      return undefined;
    },
    keep(frame) {
      const markup = frame.tagName === 'IFRAME' ? frame.getAttribute('srcdoc') : null;
      if (markup !== null && !clean.has(markup)) {
        // Before its document is parsed: the navigation to it has only just begun.
        frame.removeAttribute('srcdoc');
        wait(frame, 'srcdoc', markup, 'parsed');
      }
      const url = frame.getAttribute('src');
      if (url !== null && keepBlob(frame, url)) frame.removeAttribute('src');
    },
    keepBlob,
    waiting: (frame) => waiting.has(frame as Element),
  };
}
