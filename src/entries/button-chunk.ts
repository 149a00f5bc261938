/** `dist/samtycke-button.js`: the floating settings button, drawn for a returning visitor without Lit or the UI chunk. */
export { mountSettingsButton } from '../ui/settings-button.js';
