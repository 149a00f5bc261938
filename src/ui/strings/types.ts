import type { PlaceholderKey, Texts } from '../../config/texts.js';

/**
 * Every text the banner, the preferences and the settings button show, for
 * one locale (the keys and their meaning: `Texts` in `src/config/texts.ts`).
 * Each shipped language's file is complete: a missing key fails to compile.
 */
export type UiStrings = Omit<Texts, PlaceholderKey>;

export type StringKey = keyof UiStrings;
