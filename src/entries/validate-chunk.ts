/**
 * `dist/samtycke-validate.js`: the config validator (zod). The head script
 * loads it only for a config text it cannot trust yet: one without a current
 * `data-stamp` (see `samtycke check`) that no stored decision was made under.
 */
export { validateConfig } from '../config/validate-config.js';
