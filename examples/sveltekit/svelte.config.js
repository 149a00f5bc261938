/** No adapter: `vite build` then `vite preview` serves the server-rendered app (add the adapter of your host to deploy). */
export default { kit: {} };
