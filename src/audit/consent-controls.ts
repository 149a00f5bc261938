/**
 * Finding and measuring the consent controls: samtycke's own (the shadow-DOM
 * buttons of `<samtycke-banner>`, `[data-samtycke="open"]` and
 * `<samtycke-settings-button>`, see src/ui/), or any consent tool's through CSS
 * selectors. The driver's CSS engine pierces open shadow roots, so one selector
 * reaches into a web component.
 */
import type { Locator, Page } from 'playwright-core';
import type { ChoiceMeasure, ControlMeasure } from './audit-report.js';

/** Where the choices are. A selector may be a list; the first visible match is used. */
export interface ControlSelectors {
  kind: 'samtycke' | 'selectors';
  accept: string | null;
  reject: string | null;
  /** The way back to the settings (R26). */
  settings: string | null;
  /** The refusal inside the settings, used to withdraw (R28). */
  withdraw: string | null;
}

/** samtycke's controls. */
export const SAMTYCKE_CONTROLS: ControlSelectors = {
  kind: 'samtycke',
  accept: 'samtycke-banner [data-control="accept-all"]',
  reject: 'samtycke-banner [data-control="reject-all"]',
  settings: '[data-samtycke="open"], samtycke-settings-button button',
  withdraw: 'samtycke-preferences [data-control="reject-all"]',
};

/**
 * The first visible element matching `selector`, waiting up to `timeoutMs`
 * for one to appear (banners are often added after load); null if none does.
 */
export async function findVisible(page: Page, selector: string | null, timeoutMs = 0): Promise<Locator | null> {
  if (!selector) return null;
  const visible = page.locator(selector).filter({ visible: true }).first();
  if (timeoutMs <= 0) return (await visible.count()) > 0 ? visible : null;
  try {
    await visible.waitFor({ state: 'visible', timeout: timeoutMs });
    return visible;
  } catch {
    return null;
  }
}

/** How many visible elements match. */
export async function countVisible(page: Page, selector: string | null): Promise<number> {
  return selector ? page.locator(selector).filter({ visible: true }).count() : 0;
}

/**
 * Names that offer consent in the shipped languages and common English, for
 * spotting a second accept control (R07), matched at the start of the name.
 * Not "continue": "Continue without accepting" is a refusal.
 */
const ACCEPT_LIKE = String.raw`^(accept|agree|allow|i agree|ok\b|okay|got it|godkänn|acceptera|tillåt|jag godkänner|akzeptieren|alle akzeptieren|zustimmen|einverstanden|accepter|tout accepter|j'accepte|d'accord|aceptar|acepto|accetta|accetto|accepteren|akkoord|akceptuj|zgadzam|hyväksy|accepter alle|godta)`;

/** Measures one control in the page: box, viewport, styles, contrast (WCAG relative luminance). */
async function measure(control: Locator): Promise<ControlMeasure> {
  return control.evaluate((element: any) => {
    const win = globalThis as any;
    const parse = (text: string): [number, number, number, number] => {
      const parts = (text.match(/[\d.]+/g) ?? ['0', '0', '0', '0']).map(Number);
      return [parts[0] ?? 0, parts[1] ?? 0, parts[2] ?? 0, parts[3] ?? 1];
    };
    const parentOf = (node: any): any => node.parentElement ?? node.getRootNode?.().host ?? null;
    const background = (node: any): [number, number, number] => {
      for (let at = node; at; at = parentOf(at)) {
        const [r, g, b, a] = parse(win.getComputedStyle(at).backgroundColor);
        if (a >= 0.5) return [r, g, b];
      }
      return [255, 255, 255];
    };
    const luminance = ([r, g, b]: number[]): number => {
      const channel = (value: number): number => {
        const c = value / 255;
        return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * channel(r ?? 0) + 0.7152 * channel(g ?? 0) + 0.0722 * channel(b ?? 0);
    };
    const style = win.getComputedStyle(element);
    const rect = element.getBoundingClientRect();
    const [fg, bg] = [luminance(parse(style.color)), luminance(background(element))];
    return {
      text: String(element.innerText ?? element.value ?? '').trim().replace(/\s+/g, ' '),
      tag: String(element.tagName).toLowerCase(),
      role: element.getAttribute('role'),
      box: { x: rect.x, y: rect.y, width: rect.width, height: rect.height },
      inViewport: rect.top >= 0 && rect.left >= 0 && rect.bottom <= win.innerHeight && rect.right <= win.innerWidth && rect.width > 0,
      style: {
        fontSize: style.fontSize,
        fontWeight: style.fontWeight,
        fontFamily: style.fontFamily,
        color: style.color,
        backgroundColor: style.backgroundColor,
        padding: style.padding,
        border: `${style.borderTopWidth} ${style.borderTopStyle} ${style.borderTopColor}`,
        opacity: style.opacity,
      },
      contrast: Math.round(((Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05)) * 100) / 100,
    };
  });
}

/** Visible controls near both choices that are named like an acceptance, other than the accept control. */
async function otherAcceptLike(page: Page, accept: Locator, reject: Locator): Promise<string[]> {
  const [a, r] = [await accept.elementHandle(), await reject.elementHandle()];
  if (!a || !r) return [];
  return page.evaluate(
    ({ a: acceptElement, r: rejectElement, pattern }: { a: any; r: any; pattern: string }) => {
      const parentOf = (node: any): any => node.parentElement ?? node.getRootNode?.().host ?? null;
      const contains = (outer: any, inner: any): boolean => {
        for (let at = inner; at; at = parentOf(at)) if (at === outer) return true;
        return false;
      };
      let container = parentOf(acceptElement);
      while (container && !contains(container, rejectElement)) container = parentOf(container);
      if (!container || container.tagName === 'BODY' || container.tagName === 'HTML') return [];
      const accepting = new RegExp(pattern, 'i');
      const candidates = Array.from(container.querySelectorAll('button, a[href], [role="button"], input[type="button"], input[type="submit"]')) as any[];
      return candidates
        .filter((element) => element !== acceptElement && element.getClientRects().length > 0)
        .map((element) => String(element.innerText ?? element.value ?? '').trim().replace(/\s+/g, ' '))
        .filter((text) => accepting.test(text));
    },
    { a, r, pattern: ACCEPT_LIKE },
  );
}

/**
 * Measures the first layer: the accept and reject controls as rendered, how
 * many of each are visible, and any other accept-like control beside them.
 */
export async function measureChoices(page: Page, controls: ControlSelectors, accept: Locator | null, reject: Locator | null): Promise<ChoiceMeasure> {
  return {
    accept: accept ? await measure(accept) : null,
    reject: reject ? await measure(reject) : null,
    acceptCount: await countVisible(page, controls.accept),
    rejectCount: await countVisible(page, controls.reject),
    otherAcceptLike: accept && reject ? await otherAcceptLike(page, accept, reject) : [],
  };
}
