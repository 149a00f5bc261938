declare const SAMTYCKE_VERSION: string | undefined;

/** The library version, stamped by the build and carried in every proof record. */
export const VERSION: string = typeof SAMTYCKE_VERSION === 'string' ? SAMTYCKE_VERSION : '0.0.0-dev';
