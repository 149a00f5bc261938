import { sendMouse } from '@web/test-runner-commands';

/**
 * Real clicks: the browser's own mouse presses a point on the screen, so the
 * click is trusted and gives the window it lands in transient user activation,
 * exactly as a visitor's click does (R14). `element.click()` gives neither.
 */

/** The iframes `element` sits in, innermost first. */
function framesAround(element: Element): HTMLIFrameElement[] {
  const frames: HTMLIFrameElement[] = [];
  for (let frame = element.ownerDocument.defaultView?.frameElement; frame; frame = frame.ownerDocument.defaultView?.frameElement) {
    frames.push(frame as HTMLIFrameElement);
  }
  return frames;
}

/** Where a frame's document starts, in the coordinates of the document around it. */
function contentOrigin(frame: HTMLIFrameElement): { x: number; y: number } {
  const box = frame.getBoundingClientRect();
  const style = frame.ownerDocument.defaultView!.getComputedStyle(frame);
  return { x: box.left + frame.clientLeft + parseFloat(style.paddingLeft), y: box.top + frame.clientTop + parseFloat(style.paddingTop) };
}

/** The innermost element at a point, looking into open shadow roots. */
function elementAt(root: Document | ShadowRoot, x: number, y: number): Element | null {
  const hit = root.elementFromPoint(x, y);
  const inner = hit?.shadowRoot && hit.shadowRoot !== root ? elementAt(hit.shadowRoot, x, y) : null;
  return inner ?? hit;
}

/** Whether `node` is `element` or inside it, across shadow roots. */
function within(element: Element, node: Node | null): boolean {
  for (let current = node; current; current = current.parentNode ?? (current instanceof ShadowRoot ? current.host : null)) {
    if (current === element) return true;
  }
  return false;
}

/**
 * The centre of `element` on the test page's screen, if a click there lands
 * on it: every frame on the way and then the element itself must be the
 * topmost thing at that point (a banner or a placeholder on top would take it).
 */
function clickablePoint(element: Element, frames: HTMLIFrameElement[]): { position: [number, number] } | { covered: string } {
  const rect = element.getBoundingClientRect();
  if (rect.width === 0 || rect.height === 0) return { covered: 'nothing: it has no size' };
  const origins = frames.map(contentOrigin);
  const x = Math.round(rect.left + rect.width / 2 + origins.reduce((sum, origin) => sum + origin.x, 0));
  const y = Math.round(rect.top + rect.height / 2 + origins.reduce((sum, origin) => sum + origin.y, 0));
  let [localX, localY] = [x, y];
  for (let i = frames.length - 1; i >= 0; i--) {
    const frame = frames[i]!;
    const hit = elementAt(frame.ownerDocument, localX, localY);
    if (!within(frame, hit)) return { covered: describe(hit) };
    localX -= origins[i]!.x;
    localY -= origins[i]!.y;
  }
  const hit = elementAt(element.ownerDocument, localX, localY);
  return within(element, hit) ? { position: [x, y] } : { covered: describe(hit) };
}

const describe = (node: Element | null): string => (node ? node.outerHTML.slice(0, 120) : 'nothing (outside the viewport)');

/**
 * Clicks the centre of `element` with the real mouse, through any frames it
 * sits in. It scrolls the frames and the element into view first (trying the
 * nearest position, then the top, the centre and the bottom, since a banner
 * may cover part of a page) and fails, saying what is in the way, rather than
 * click something else.
 *
 * @example await clickWithMouse(banner.button('accept-all'));
 */
export async function clickWithMouse(element: Element): Promise<void> {
  const frames = framesAround(element);
  let found: ReturnType<typeof clickablePoint> = { covered: 'nothing' };
  for (const block of ['nearest', 'start', 'center', 'end'] as const) {
    for (const frame of [...frames].reverse()) frame.scrollIntoView({ block: 'nearest', inline: 'nearest' });
    element.scrollIntoView({ block, inline: 'nearest' });
    found = clickablePoint(element, frames);
    if ('position' in found) {
      await sendMouse({ type: 'click', position: found.position });
      return;
    }
  }
  throw new Error(`cannot click ${describe(element)}: it is covered by ${found.covered}`);
}

/**
 * Runs `action` inside a real click in `win` (the test page or a page in one
 * of its frames) and resolves with what it returns: a button is added on top
 * of that page, pressed with the real mouse, and removed again. Calls that
 * need transient user activation, like granting consent, succeed as after a
 * visitor's click.
 *
 * @example expect(await runInsideClick(win, () => win.samtycke.acceptAll())).to.equal(true);
 */
export async function runInsideClick<T>(win: Window, action: () => T): Promise<T> {
  const button = win.document.createElement('button');
  button.textContent = 'gesture';
  button.style.cssText = 'position:fixed;left:0;top:0;width:40px;height:40px;margin:0;z-index:2147483647';
  win.document.body.append(button);
  const clicked = new Promise<T>((resolve, reject) => {
    button.addEventListener(
      'click',
      () => {
        try {
          resolve(action());
        } catch (error) {
          reject(error);
        }
      },
      { once: true },
    );
  });
  try {
    await clickWithMouse(button);
    return await clicked;
  } finally {
    button.remove();
  }
}
