/**
 * The config as the plugin puts it in the page: read from a JSON file or
 * taken as an object, validated with the browser's own schema, written as
 * one line of ASCII JSON, and stamped (`samtycke check`), so the head script
 * trusts that exact text without loading the validator.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { ConfigError } from '../config/config-error.js';
import type { ConfigInput } from '../config/schema.js';
import { checkConfigText } from '../cli/check.js';

/**
 * A validated config, ready for the page.
 * @example
 * const { text, stamp, head }: PageConfig = await readPageConfig(config, root);
 * html = `<script type="application/json" id="samtycke-config" data-stamp="${stamp}">${text}</script><script src="/samtycke/${head}"></script>`;
 */
export interface PageConfig {
  /** The element's text: JSON with `<` and every non-ASCII character escaped, so it can close no element and reads the same in any charset. */
  readonly text: string;
  /** Its fingerprint, the element's `data-stamp`. */
  readonly stamp: string;
  /**
   * The production head script build that fits it, in the package's `dist/`: `samtycke.js`, or a build
   * without the code of the settings button or the proof queue when the config uses neither
   * (`samtycke-no-button-no-proof.js`; see `headScriptFile`).
   */
  readonly head: string;
  /** The absolute path of the JSON file it came from, if it came from one. */
  readonly file?: string;
}

/** `\u003c` for `<`, and `\uXXXX` for everything past ASCII: the same value once parsed. */
const escapeForScript = (json: string): string => json.replace(/[<\u007f-\uffff]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);

/**
 * Reads and validates the config for the page.
 * @param source a JSON file path (relative to `root`) or the config object
 * @param root the folder a relative path starts from (Vite's `root`)
 * @throws {ConfigError} listing every problem (an unreadable file or invalid JSON is one problem)
 * @example const { text, stamp } = await readPageConfig('samtycke.config.json', process.cwd());
 */
export async function readPageConfig(source: string | ConfigInput, root: string): Promise<PageConfig> {
  let value: unknown = source;
  let file: string | undefined;
  if (typeof source === 'string') {
    file = resolve(root, source);
    let json: string;
    try {
      json = await readFile(file, 'utf8');
    } catch (error) {
      throw new ConfigError([{ path: '', code: 'unreadable', message: `cannot read the config file ${file} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})` }]);
    }
    try {
      value = JSON.parse(json);
    } catch (error) {
      throw new ConfigError([{ path: '', code: 'invalid_json', message: `${file} is not valid JSON (${(error as Error).message})` }]);
    }
  }
  const text = escapeForScript(JSON.stringify(value) ?? 'null');
  const result = checkConfigText(text);
  if (!result.ok) throw new ConfigError(result.issues);
  const page = { text, stamp: result.stamp, head: result.head };
  return file ? { ...page, file } : page;
}
