/**
 * Same-origin child frames (RULES R02, R03): the documents the blocking half
 * of the gates keeps a frame from loading until they are checked. Part of the
 * gates module the head script loads on demand (`gate-actions.ts`).
 *
 * `internal/request-hooks.ts` wraps every realm the page reaches. What is
 * left is what the parser of a new document fetches before any wrapper or
 * observer could act, and a realm that is new when its document starts:
 * always for `blob:`, and for a `srcdoc` once the frame is in the page. So the
 * head script keeps a frame's `srcdoc` or `blob:` URL back, and this module
 * hands it the document to load instead:
 *
 * - the markup parsed in an inert document, each tag with a URL to a
 *   refused host held back as in the page (`type="text/plain"`, `data-src`),
 *   nested `srcdoc`s likewise;
 * - for a document that can run code (scripts, `on…` handlers, `javascript:`
 *   URLs, frames of its own), `FRAME_HOOK` as its first script, with the
 *   page's CSP nonce: it has the parent wrap this realm and observe this
 *   document before any of the frame's own code runs, then removes itself;
 * - a `blob:` document as a copy at a new `blob:` URL.
 *
 * Markup that needs none of this is loaded exactly as given. Under Trusted
 * Types the rewritten markup goes through samtycke's policy. Only markup that
 * was already on its way into the page is ever rewritten: a `srcdoc` the
 * page set is parsed here as given, so a value the page's own Trusted Types
 * would refuse fails here too, and the frame stays empty.
 */
import type { FrameContent, GateActions, GateContext } from './gate-context.js';
import { trustedHtml } from './trusted-types.js';

/** The first statement of a frame document samtycke rewrote (its SHA-256 is in docs/gates.md, for a CSP with hashes). */
export const FRAME_HOOK = 'parent[Symbol.for("samtycke.frame")]?.(window);document.currentScript.remove()';

/** Elements and attributes through which a document runs code, so needs the hook. */
const CODE = /^(SCRIPT|I?FRAME|OBJECT|EMBED)$/;
const runsCode = (element: Element): boolean =>
  CODE.test(element.tagName) || element.getAttributeNames().some((name) => /^on/i.test(name) || /^\s*javascript:/i.test(element.getAttribute(name)!));

/** `loadFrame()` of the gate actions, over what the blocking half shares. */
export function createFrameLoader({ holdBackQuietly, nonce, clean: written, setAttribute }: GateContext): GateActions['loadFrame'] {
  /**
   * A whole document's markup, checked; the same value when nothing changed.
   * `fromPage`: a string that was already in the page (an attribute, a blob),
   * trusted here only to be parsed inertly.
   */
  function clean(markup: unknown, fromPage: boolean): unknown {
    const parsed = new DOMParser().parseFromString((fromPage ? trustedHtml(markup as string) : markup) as string, 'text/html');
    let changed = false;
    let code = false;
    for (const element of parsed.querySelectorAll('*')) {
      if (holdBackQuietly(element)) changed = true;
      const inner = element.tagName === 'IFRAME' ? element.getAttribute('srcdoc') : null;
      if (inner !== null && !written.has(inner)) {
        const cleaned = clean(inner, true);
        if (cleaned !== inner) {
          element.setAttribute('srcdoc', cleaned as string);
          changed = true;
        }
      }
      code ||= runsCode(element);
    }
    const hook = code && parsed.scripts[0]?.text !== FRAME_HOOK;
    if (!changed && !hook) return markup;
    let html = (parsed.doctype ? new XMLSerializer().serializeToString(parsed.doctype) : '') + parsed.documentElement.outerHTML;
    // Written into the markup, not built as an element: under Trusted Types any change to a script's
    // text is a sink, even in an inert document, and would be reported as a violation.
    // A CSP nonce is base64: anything else could not match the policy, and is dropped rather than escaped.
    if (hook) html = html.replace(/<head[^>]*>/, `$&<script nonce="${nonce.replace(/[^\w+/=-]/g, '')}">${FRAME_HOOK}</script>`);
    written.add(html);
    return trustedHtml(html);
  }

  /** The `srcdoc` or `src` to set. */
  async function checked(content: unknown, kind: FrameContent): Promise<unknown> {
    if (kind !== 'blob') return clean(content, kind === 'parsed');
    const data = await (content as Promise<Blob>);
    // `text/html`, or no type at all (the browser sniffs it): anything else runs no script of its own in a frame.
    const html = /^(text\/html\b|$)/i.test(data.type);
    const text = html ? await data.text() : '';
    const cleaned = html ? clean(text, true) : text;
    const copy = URL.createObjectURL(cleaned === text ? data : new Blob([String(cleaned)], { type: data.type || 'text/html' }));
    // Kept for the page's lifetime, like the page's own: the frame loads it again if it is moved.
    written.add(copy);
    return copy;
  }

  return (frame, name, content, kind, current) =>
    checked(content, kind).then(
      (value) => {
        if (current() && value !== undefined) setAttribute(frame, name, value as string);
      },
      (error: unknown) => {
        current();
        // What cannot be checked (a Trusted Types page without samtycke's policy, an unreadable blob) is not loaded.
        console.error(`[samtycke] a frame's ${name} could not be checked, so the frame stays empty`, error);
      },
    );
}
