/** `dist/samtycke-gates.js`: the half of the gates the head script loads on demand (activation, placeholders, decision effects). */
export { createGateActions } from '../gates/gate-actions.js';
