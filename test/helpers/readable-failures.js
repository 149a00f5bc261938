/**
 * Loaded before every test file (testRunnerHtml in web-test-runner.config.mjs).
 * The test runner sends each file's results through structuredClone, and a
 * failed assertion that compares elements carries those elements, which cannot
 * be cloned: the file would then time out after minutes instead of failing
 * with its message. When a value cannot be cloned, it is sent as JSON instead,
 * with each DOM node shown as the start of its markup.
 */
(() => {
  const clone = globalThis.structuredClone;
  globalThis.structuredClone = function (value, options) {
    try {
      return clone(value, options);
    } catch (error) {
      if (error?.name !== 'DataCloneError') throw error;
      const seen = new WeakSet();
      return JSON.parse(
        JSON.stringify(value, (_key, item) => {
          if (typeof Node !== 'undefined' && item instanceof Node) return (item.outerHTML ?? item.nodeName).slice(0, 200);
          if (typeof item === 'object' && item !== null) {
            if (seen.has(item)) return '[Circular]';
            seen.add(item);
          }
          return item;
        }),
      );
    }
  };
})();
