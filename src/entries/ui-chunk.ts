/**
 * `dist/samtycke-ui.js`, the chunk the script tag loads when a layer is asked
 * for: Lit and the first-layer banner. The preferences are a chunk of their
 * own, loaded when they are opened.
 */
import { defineLayers, listenForShowRequests } from '../ui/layers.js';

defineLayers();
listenForShowRequests();
