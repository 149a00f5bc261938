import type { PlaceholderKey } from '../../config/texts.js';

/** The built-in titles of the categories a placeholder may offer to allow (the UI's texts of the same keys). */
export type CategoryTitleKey = 'functionalLabel' | 'preferencesLabel' | 'analyticsLabel' | 'marketingLabel' | 'mediaLabel';

/**
 * The texts of a placeholder (`{service}`, `{provider}`, `{host}` and
 * `{category}` are filled in), and the built-in category titles for
 * `{category}` when the config gives the category no `label`; and the
 * settings button's name (`settings`), which the head script fetches from
 * here for a returning visitor it has not named the button for yet. Each shipped
 * language's file is complete: a missing key fails to compile.
 */
export type PlaceholderTexts = Readonly<Record<PlaceholderKey | CategoryTitleKey | 'settings', string>>;
