/**
 * The shared look. Every colour is a custom property with a light and a dark
 * default; accept and reject read the same `--samtycke-choice-*` properties,
 * so a site can restyle both, never one (R06).
 */
export const baseStyles = /* css */ `
  :host {
    --_bg: var(--samtycke-bg, #ffffff);
    --_fg: var(--samtycke-fg, #1b1b1f);
    --_link: var(--samtycke-link, #0a53be);
    --_border: var(--samtycke-border, #6b6b76);
    --_focus: var(--samtycke-focus, #0a53be);
    --_choice-bg: var(--samtycke-choice-bg, #1d3b66);
    --_choice-fg: var(--samtycke-choice-fg, #ffffff);
    --_choice-border: var(--samtycke-choice-border, #1d3b66);
    --_radius: var(--samtycke-radius, 10px);
    --_shadow: var(--samtycke-shadow, 0 4px 24px rgb(0 0 0 / 0.18));
    font-family: var(--samtycke-font, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    font-size: var(--samtycke-font-size, 1rem);
    line-height: 1.5;
  }
  @media (prefers-color-scheme: dark) {
    :host {
      --_bg: var(--samtycke-bg, #1c1c21);
      --_fg: var(--samtycke-fg, #f1f1f4);
      --_link: var(--samtycke-link, #9cc3ff);
      --_border: var(--samtycke-border, #9a9aa6);
      --_focus: var(--samtycke-focus, #9cc3ff);
      --_choice-bg: var(--samtycke-choice-bg, #cfe0f7);
      --_choice-fg: var(--samtycke-choice-fg, #10233f);
      --_choice-border: var(--samtycke-choice-border, #cfe0f7);
      --_shadow: var(--samtycke-shadow, 0 4px 24px rgb(0 0 0 / 0.6));
    }
  }
  .layer {
    box-sizing: border-box;
    background: var(--_bg);
    color: var(--_fg);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    box-shadow: var(--_shadow);
    animation: samtycke-in 0.18s ease-out;
  }
  @keyframes samtycke-in {
    from { opacity: 0; transform: translateY(0.5rem); }
  }
  @media (prefers-reduced-motion: reduce) {
    .layer { animation: none; }
  }
  @media print {
    :host { display: none !important; }
  }
  h2, h3, h4, p, ul, dl { margin: 0; }
  h2 { font-size: 1.15em; line-height: 1.3; }
  h3 { font-size: 1em; }
  h4 { font-size: 0.95em; }
  a, .link {
    color: var(--_link);
    text-decoration: underline;
    text-underline-offset: 0.15em;
  }
  .link {
    background: none;
    border: 0;
    padding: 0;
    font: inherit;
    cursor: pointer;
    text-align: start;
  }
  button { font: inherit; }
  :focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }
  .choice, .secondary {
    box-sizing: border-box;
    min-height: 2.75rem;
    margin: 0;
    padding: 0.6em 1em;
    border-radius: calc(var(--_radius) * 0.6);
    font-size: 1em;
    font-weight: 600;
    line-height: 1.25;
    text-align: center;
    cursor: pointer;
    overflow-wrap: anywhere;
  }
  .choice {
    /* Accept and reject: one rule, one part, one set of properties (R06). */
    background: var(--_choice-bg);
    color: var(--_choice-fg);
    border: 2px solid var(--_choice-border);
  }
  .secondary {
    background: var(--_bg);
    color: var(--_fg);
    border: 2px solid var(--_border);
  }
`;
