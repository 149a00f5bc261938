/**
 * The half of the gates that loads on demand (`dist/samtycke-gates.js` with
 * the script tag), once the page has gated elements or refused services left
 * something behind: activating granted elements in page order, click-to-load
 * placeholders for embeds, and erasing leftovers. The head script keeps what
 * must run from the first moment: blocking, and what a decision does beyond
 * the gates.
 */
import { URL_ATTRIBUTES } from '../internal/request-hooks.js';
import { activateElement, isPending, KINDS, srcsetUrls } from './element-gate.js';
import { eraseLeftovers } from './erase-leftovers.js';
import { createFrameLoader } from './frame-gate.js';
import type { GateActions, GateContext } from './gate-context.js';
import { createPlaceholder } from './placeholder.js';
import { serviceForHost, type GateService } from './rules.js';
import { activateScript } from './script-gate.js';
import { signalVendors } from './vendor-signals.js';

const GATED = '[data-category],[data-service]';

/** The on-demand half of the gates, over what the blocking half shares (`GateContext`). */
export function createGateActions(context: GateContext): GateActions {
  const { consent, rules, config, ran, logged, setAttribute, parse, denied, holdBack } = context;
  /** Gated iframes with a placeholder. */
  const placeholders = new WeakMap<Element, HTMLElement>();

  /** Every URL the element (and its `<source>`s) holds back, each `srcset` candidate apart, with the service whose host it reaches. */
  function owners(element: Element): [string, GateService][] {
    const found: [string, GateService][] = [];
    for (const target of [element, ...element.querySelectorAll('source')]) {
      for (const name of URL_ATTRIBUTES) {
        const value = target.getAttribute(`data-${name}`);
        for (const url of value === null ? [] : name === 'srcset' ? srcsetUrls(value) : [value]) {
          const service = serviceForHost(rules, parse(url)?.hostname ?? '');
          if (service && !service.necessary) found.push([url, service]);
        }
      }
    }
    return found;
  }

  function activate(element: Element, id: string): void {
    placeholders.get(element)?.remove();
    if (placeholders.delete(element)) (element as HTMLElement).hidden = false;
    // Scripts, embeds and media keep running once loaded: revoking their category reloads the page.
    if (/^(script|iframe|media)$/.test(KINDS[element.tagName]!)) {
      ran.add(rules.services.find((service) => service.id === id)?.category ?? id);
      for (const [, service] of owners(element)) ran.add(service.category);
    }
    if (element.tagName === 'SCRIPT' && (element as HTMLScriptElement).type === 'text/plain') activateScript(element as HTMLScriptElement, holdBack);
    else activateElement(element, setAttribute);
  }

  /** "Load once": proof first (R35), made in the click, then this embed only. */
  function loadOnce(frame: HTMLIFrameElement, id: string, service: string | undefined): void {
    if (service && consent.recordEmbed(service, { layer: 'placeholder', control: 'load-once' })) activate(frame, id);
  }

  function addPlaceholder(frame: HTMLIFrameElement, id: string, unavailable = false): void {
    const box = createPlaceholder(frame, { id, host: parse(frame.getAttribute('data-src'))?.hostname ?? '', config, unavailable }, {
      loadOnce: (service) => loadOnce(frame, id, service),
      alwaysAllow: (category, service) =>
        consent.set({ [category]: true }, { layer: 'placeholder', action: 'embed', control: 'always-allow', ...(service && { services: { [service]: true } }) }),
    });
    placeholders.set(frame, box);
    frame.hidden = true;
  }

  /**
   * A gated element: activated when its own service or category is granted
   * and so is the service of every URL it holds back; otherwise listed once
   * and, for an iframe, given a placeholder.
   */
  function gate(element: Element): void {
    if (!isPending(element)) return;
    const holder = element.tagName === 'SOURCE' ? element.closest(GATED) : element;
    const id = holder?.getAttribute('data-service') ?? holder?.getAttribute('data-category');
    if (!id) return;
    if (!rules.categories.includes(id) && !rules.services.some((service) => service.id === id)) return unknown(element, id);
    // A URL whose host belongs to a service still refused keeps the element back, whatever its own attributes grant.
    const refused = owners(element).filter(([, service]) => !consent.has(service.id));
    if (consent.has(id) && !refused.length) return activate(element, id);
    // Listed once per element, so the site owner sees gated markup as well as calls from code.
    if (!logged.has(element)) {
      logged.add(element);
      for (const [url] of refused) denied(url, KINDS[element.tagName] ?? 'media');
    }
    if (element.tagName === 'IFRAME' && !placeholders.has(element) && element.getAttribute('data-placeholder') !== 'none') addPlaceholder(element as HTMLIFrameElement, id);
  }

  /**
   * Markup that names neither a category nor a service of the config (a typo,
   * a config that lost an entry): it stays blocked, the site owner is told in
   * every build, and an iframe says it is unavailable instead of offering
   * buttons that could never grant it.
   */
  function unknown(element: Element, id: string): void {
    if (logged.has(element)) return;
    logged.add(element);
    const attribute = element.hasAttribute('data-service') ? 'data-service' : 'data-category';
    console.error(`[samtycke] <${element.localName} ${attribute}="${id}"> names no category or service of the config: it stays blocked. Add "${id}" to the config or fix the attribute.`, element);
    if (element.tagName === 'IFRAME' && element.getAttribute('data-placeholder') !== 'none') addPlaceholder(element as HTMLIFrameElement, id, true);
  }

  /** In the page and in the documents of its same-origin frames. */
  function scan(): void {
    for (const each of context.documents()) for (const element of each.querySelectorAll(GATED)) gate(element);
  }

  return { gate, scan, erase: eraseLeftovers, signalVendors, loadFrame: createFrameLoader(context) };
}
