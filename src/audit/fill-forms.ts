/**
 * Types the synthetic identity into the page's contact fields, as a visitor
 * would (real key events, focus and blur), then lets each form announce a
 * submission: a `submit` event is dispatched, which every listener (a vendor's
 * "automatic advanced matching" among them) receives, but the form is never
 * really sent, so auditing production creates no sign-up or order.
 */
import type { Page } from 'playwright-core';
import type { SyntheticIdentity } from './synthetic-identity.js';

/** Which value a field takes, from its type, autocomplete hint, name or id. */
const FIELDS = [
  { value: 'email', selector: 'input[type="email"], input[autocomplete~="email"], input[name*="mail" i], input[id*="mail" i]' },
  { value: 'phone', selector: 'input[type="tel"], input[autocomplete~="tel"], input[name*="phone" i], input[name*="tel" i], input[id*="phone" i]' },
  { value: 'name', selector: 'input[autocomplete~="name"], input[name="name" i], input[name*="fullname" i], input[name*="namn" i], input[id="name" i]' },
] as const;

/**
 * Fills every visible, editable contact field and dispatches `submit` on their
 * forms, letting the network settle (`settle`) between typing and submitting,
 * as a person pauses before pressing the button.
 * @returns how many fields were filled.
 */
export async function fillForms(page: Page, identity: SyntheticIdentity, settle: () => Promise<void>): Promise<number> {
  let filled = 0;
  const done = new Set<string>();
  for (const { value, selector } of FIELDS) {
    const fields = page.locator(selector).filter({ visible: true });
    for (let i = 0; i < (await fields.count()); i++) {
      const field = fields.nth(i);
      const key = await field.evaluate((element: any) => {
        element.dataset.samtyckeAudit ??= String(Math.random()).slice(2);
        return String(element.dataset.samtyckeAudit);
      });
      if (done.has(key) || !(await field.isEditable())) continue;
      done.add(key);
      await field.fill(identity[value]);
      await field.press('Tab');
      filled++;
    }
  }
  if (filled === 0) return 0;
  await settle();
  await page.evaluate(() => {
    const doc = (globalThis as any).document;
    const forms = new Set<any>();
    for (const field of doc.querySelectorAll('[data-samtycke-audit]')) if (field.form) forms.add(field.form);
    for (const form of forms) form.dispatchEvent(new (globalThis as any).SubmitEvent('submit', { bubbles: true, cancelable: true }));
  });
  return filled;
}
