/**
 * axe-core in the page under test (or in a frame of it), run over open
 * shadow roots too, with the WCAG 2.1 A/AA rule set (RULES R44).
 */
interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}
interface AxeApi {
  run(context: unknown, options: unknown): Promise<{ violations: AxeViolation[] }>;
}

let source: Promise<string> | null = null;

async function axeIn(win: Window): Promise<AxeApi> {
  const existing = (win as Window & { axe?: AxeApi }).axe;
  if (existing) return existing;
  source ??= fetch('/node_modules/axe-core/axe.min.js').then((response) => response.text());
  const script = win.document.createElement('script');
  script.textContent = await source;
  win.document.head.append(script);
  return (win as Window & { axe?: AxeApi }).axe!;
}

/** Violations of WCAG 2.1 A/AA inside `context` (an element, or the whole document), as readable lines. */
export async function axeViolations(context: Element | Document = document): Promise<string[]> {
  // Another frame's document is not an instance of this realm's Document: test the node type.
  const win = (context.nodeType === Node.DOCUMENT_NODE ? (context as Document).defaultView : (context as Element).ownerDocument.defaultView)!;
  const axe = await axeIn(win);
  const { violations } = await axe.run(context, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] });
  return violations.flatMap((violation) => violation.nodes.map((node) => `${violation.id} (${violation.impact}): ${violation.help} at ${JSON.stringify(node.target)} ${node.failureSummary ?? ''}`));
}
