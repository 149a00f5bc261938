/** Days a decision lasts by default: 6 months (CNIL good practice, R21). */
export const DEFAULT_RETENTION_DAYS = 182;
/** Hard ceiling: 13 months (R21). */
export const MAX_RETENTION_DAYS = 395;

const DAYS_PER_MONTH = 365 / 12;

/** "6m" → 182, "13m" → 395, "90d" → 90, 30 → 30. Unreadable text gives NaN. */
export function retentionDays(value: number | string): number {
  if (typeof value === 'number') return value;
  const amount = Number.parseInt(value, 10);
  return /m/i.test(value) ? Math.floor(amount * DAYS_PER_MONTH) : /^\s*\d+\s*(d|days?)?\s*$/i.test(value) ? amount : Number.NaN;
}
