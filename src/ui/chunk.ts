/**
 * The lazily loaded chunk of the script-tag build (`dist/samtycke-ui.js`):
 * the config validator and the UI elements. The head script loads it only
 * when there is no current decision, the config text changed, or the visitor
 * opens the settings.
 */
import './define.js';

export { createConsent } from '../create-consent.js';
