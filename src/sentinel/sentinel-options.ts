import { looseRecord } from '../internal/loose.js';
import type { SentinelOptions } from './watch-for-leaks.js';

/**
 * The sentinel's settings from a config that may not be validated yet: read
 * defensively, and only `block` (stricter) or the default `report` come of it.
 */
export function sentinelOptions(config: unknown): SentinelOptions {
  const raw = looseRecord(config);
  const sentinel = looseRecord(raw.sentinel);
  return {
    mode: sentinel.mode === 'block' ? 'block' : 'report',
    operatorType: sentinel.operatorType === 'ecs' ? 'ecs' : 'other',
    controller: typeof raw.controller === 'string' ? raw.controller : undefined,
  };
}
