import { expect } from '@esm-bundle/chai';
import { findLeftovers } from '../../src/gates/leftovers.js';
import type { GateService } from '../../src/gates/rules.js';

/** A refused service as the gate rules give it. */
const service = (source: Record<string, unknown>): GateService => ({ id: 'ga4', category: 'analytics', necessary: false, hosts: [], source });

/**
 * Counts the reads of `window.localStorage` and `window.sessionStorage` while
 * `run` runs, then puts the browser's own accessors back.
 */
function countStorageReads(run: () => void): number {
  let reads = 0;
  const originals = (['localStorage', 'sessionStorage'] as const).map((area) => [area, Object.getOwnPropertyDescriptor(window, area)!] as const);
  for (const [area, descriptor] of originals) {
    Object.defineProperty(window, area, {
      configurable: true,
      get() {
        reads++;
        return descriptor.get!.call(window) as Storage;
      },
    });
  }
  try {
    run();
  } finally {
    for (const [area, descriptor] of originals) Object.defineProperty(window, area, descriptor);
  }
  return reads;
}

describe('finding what refused services left (R28)', () => {
  beforeEach(() => {
    localStorage.setItem('_ga_store1', '1');
    sessionStorage.setItem('_ga_session', '1');
    document.cookie = '_ga=GA1.1.1; Path=/';
  });
  afterEach(() => {
    localStorage.removeItem('_ga_store1');
    sessionStorage.removeItem('_ga_session');
    document.cookie = '_ga=; Path=/; Max-Age=0';
  });

  it('finds declared cookies and storage keys, never the decision cookie', () => {
    let found: ReturnType<typeof findLeftovers> = null;
    const reads = countStorageReads(() => {
      found = findLeftovers([service({ cookies: ['_ga', 'samtycke'], storage: ['_ga_store*', '_ga_session'] })], 'samtycke');
    });
    expect(found).to.deep.equal({ cookies: ['_ga'], localStorage: ['_ga_store1'], sessionStorage: ['_ga_session'] });
    // The positive control for the test below: with keys declared, both areas are read.
    expect(reads).to.equal(2);
  });

  it('does not read a storage area when no refused service declares keys', () => {
    let found: ReturnType<typeof findLeftovers> = null;
    const reads = countStorageReads(() => {
      found = findLeftovers([service({ cookies: [{ name: '_ga' }] })], 'samtycke');
    });
    expect(found).to.deep.equal({ cookies: ['_ga'], localStorage: [], sessionStorage: [] });
    expect(reads).to.equal(0);
  });

  it('finds nothing, and reads nothing, for services that declare nothing', () => {
    let found: ReturnType<typeof findLeftovers> = { cookies: ['x'], localStorage: [], sessionStorage: [] };
    const reads = countStorageReads(() => {
      found = findLeftovers([service({})], 'samtycke');
    });
    expect(found).to.equal(null);
    expect(reads).to.equal(0);
  });
});
