/**
 * The lazily loaded chunk of the script-tag build (`dist/samtycke-ui.js`):
 * the config validator and the UI layers. The head script loads it only
 * when there is no current decision, the config text changed, or the visitor
 * opens the settings. The settings button stays in the head script.
 */
import './layers.js';

export { createConsent } from '../create-consent.js';
