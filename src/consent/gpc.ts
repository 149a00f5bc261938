import type { CategoryConfig, Config } from '../config/config.js';

/** Whether the browser sends Global Privacy Control (`navigator.globalPrivacyControl`). */
export function browserSendsGpc(): boolean {
  return (navigator as Navigator & { globalPrivacyControl?: boolean }).globalPrivacyControl === true;
}

/**
 * Global Privacy Control is an objection to sale and ads: "Accept all" leaves
 * these categories off, unless the visitor switches them on one by one
 * (R48, RULES conflict 13). `gpc: false` in the config opts out.
 */
export function gpcRefuses(config: Pick<Config, 'gpc'>, category: CategoryConfig, gpc = browserSendsGpc()): boolean {
  return gpc && config.gpc !== false && !category.necessary && (category.marketing === true || /^(marketing|advertising|ads)$/.test(category.id));
}
