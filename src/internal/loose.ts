/**
 * Readers for values that have not been validated (a raw config, a parsed
 * cookie): they never throw and give an empty value for anything of the
 * wrong shape. Code that reads a raw config this way may only ever block or
 * refuse with what it reads, never grant.
 */
export type Loose = Readonly<Record<string, unknown>>;

/** The value when it is an object (arrays included), else `{}`. */
export const looseRecord = (value: unknown): Loose => (typeof value === 'object' && value !== null ? (value as Loose) : {});

/** The value when it is an array, else `[]`. */
export const looseList = (value: unknown): readonly unknown[] => (Array.isArray(value) ? value : []);

/** The value when it is a string, else `''`. */
export const looseText = (value: unknown): string => (typeof value === 'string' ? value : '');
