import type { Config } from './config.js';
import { warn } from '../internal/dev.js';

/** Categories whose services usually send personal data to the vendor (R38). */
const DATA_HEAVY = /analytic|statistic|marketing|advertis|ads|social/;

/**
 * Development advice on a valid config: what a visitor or a regulator will
 * miss in the service list (R17, R38). Not errors, so a config written from
 * the short examples still works, but every gap is named.
 */
export function adviseOnConfig(config: Config): void {
  for (const category of config.categories) {
    for (const service of category.services) {
      const where = `service "${service.id}"`;
      if (!service.provider) warn('incomplete-service', `${where} does not name its provider (the legal entity that receives the data)`);
      if (service.cookies.some((cookie) => !cookie.lifetime)) warn('incomplete-service', `${where} lists cookies without a lifetime`);
      if (!category.necessary && DATA_HEAVY.test(category.id) && !service.dataSent) warn('incomplete-service', `${where} does not say what it sends to the vendor (dataSent)`);
    }
  }
}
