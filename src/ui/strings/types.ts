/**
 * Every text the UI shows, for one locale. `{name}` marks a value filled in
 * at render time. Sites override any key per locale with the config's `texts`.
 */
export interface UiStrings {
  /** Heading of the first layer. */
  title: string;
  /** Introduces the purposes. `{controller}`: who decides (config `controller`, else `we`). */
  body: string;
  /** Who receives data. `{count}`: number of third parties. */
  recipients: string;
  /** Opens the list of third parties. */
  recipientsLink: string;
  /** That consent can be withdrawn at any time, and where. */
  withdraw: string;
  /** The controller when the config names none. */
  we: string;
  policy: string;
  rejectAll: string;
  acceptAll: string;
  customise: string;
  /** Shown when the browser sends Global Privacy Control (R48). `{categories}`: the categories it keeps off. */
  gpc: string;
  save: string;
  /** Title of the preferences and name of the floating button. */
  settings: string;
  intro: string;
  /** Closes the preferences without deciding. */
  close: string;
  alwaysOn: string;
  /** `{count}`: number of services in a category. */
  services: string;
  provider: string;
  purpose: string;
  hosts: string;
  cookies: string;
  storage: string;
  retention: string;
  thirdPartyAccess: string;
  yes: string;
  no: string;
  transfer: string;
  country: string;
  dataSent: string;
  vendorPolicy: string;
  notStated: string;
  necessaryLabel: string;
  necessaryDescription: string;
  functionalLabel: string;
  functionalDescription: string;
  preferencesLabel: string;
  preferencesDescription: string;
  analyticsLabel: string;
  analyticsDescription: string;
  marketingLabel: string;
  marketingDescription: string;
  mediaLabel: string;
  mediaDescription: string;
}

export type StringKey = keyof UiStrings;
