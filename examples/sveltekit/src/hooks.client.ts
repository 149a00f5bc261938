// The browser's entry: the tracker is imported first, as npm packages often are. The head script, which
// ran before SvelteKit's first module, gates it. (On the server it is never imported: it needs a page.)
import { track } from '../../shared/stand-in-tracker.js';

(window as Window & { track?: typeof track }).track = track;
