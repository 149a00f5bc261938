/**
 * Where the script tag finds its chunks: next to its own URL, under the
 * names in `chunk-files.json` (the one list the build, the size check and
 * this loader share).
 */
import { DEV } from '../internal/dev.js';

/** A chunk's file: its `.dev.js` build in the dev head, for the chunks that have one (UI, sentinel). */
export const withDevBuild = (file: string): string => (DEV ? file.replace(/\.js$/, '.dev.js') : file);

/** Imports the chunk `file` from next to the head script at `scriptSrc`. */
export function importChunk<T>(file: string, scriptSrc: string): Promise<T> {
  return import(/* @vite-ignore */ new URL(file, scriptSrc).href) as Promise<T>;
}
