/**
 * What every layer shares: an open shadow root with constructed style sheets
 * (no `<style>` markup, so a strict CSP needs no `unsafe-inline`), Lit's
 * `render()` for the template, and the host side of Lit's reactive-controller
 * protocol, so `ConsentController` plugs in as it would into a LitElement.
 *
 * Why not LitElement: the layers keep no state of their own worth a property
 * system (the state is the consent object's), and the first layer is on the
 * critical path of every first visit; lit-html alone is about 2.7 KB brotli
 * less than LitElement with ReactiveElement.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { render } from 'lit/html.js';
import { ElementBase } from '../internal/element-base.js';

const sheets = new Map<string, CSSStyleSheet>();

/** One constructed sheet per CSS text, shared by every element that uses it. */
function sheet(text: string): CSSStyleSheet {
  let found = sheets.get(text);
  if (!found) {
    found = new CSSStyleSheet();
    found.replaceSync(text);
    sheets.set(text, found);
  }
  return found;
}

export abstract class ConsentLayer extends ElementBase implements ReactiveControllerHost {
  /** The CSS of the element, in order. */
  static styles: readonly string[] = [];

  /** Resolves after the next render (with `true`, as LitElement's does). */
  updateComplete: Promise<boolean> = Promise.resolve(true);

  private readonly controllers = new Set<ReactiveController>();
  private updating = false;

  /** The shadow root the template renders into. */
  get renderRoot(): ShadowRoot {
    return this.shadowRoot ?? this.attachShadow({ mode: 'open' });
  }

  addController(controller: ReactiveController): void {
    this.controllers.add(controller);
    if (this.isConnected) controller.hostConnected?.();
  }

  removeController(controller: ReactiveController): void {
    this.controllers.delete(controller);
  }

  /** Renders again in a microtask; several requests make one render. */
  requestUpdate(): void {
    if (this.updating) return;
    this.updating = true;
    this.updateComplete = Promise.resolve().then(() => {
      this.updating = false;
      this.update();
      return true;
    });
  }

  connectedCallback(): void {
    const root = this.renderRoot;
    if (!root.adoptedStyleSheets.length) root.adoptedStyleSheets = (this.constructor as typeof ConsentLayer).styles.map(sheet);
    for (const controller of this.controllers) controller.hostConnected?.();
    this.requestUpdate();
  }

  disconnectedCallback(): void {
    for (const controller of this.controllers) controller.hostDisconnected?.();
  }

  private update(): void {
    for (const controller of this.controllers) controller.hostUpdate?.();
    render(this.render(), this.renderRoot, { host: this });
    this.updated();
    for (const controller of this.controllers) controller.hostUpdated?.();
  }

  /** The template of the current state. */
  protected abstract render(): unknown;

  /** Runs after each render, with the new DOM in place. */
  protected updated(): void {}
}
