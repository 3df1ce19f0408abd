import { loadPg } from './load-pg';

const global = globalThis as { navigator?: unknown };

describe('loadPg', () => {
  it('loads pg, the module every later require gets, and leaves the global navigator as it found it', () => {
    const before = Object.getOwnPropertyDescriptor(globalThis, 'navigator');
    loadPg();
    expect(Object.getOwnPropertyDescriptor(globalThis, 'navigator')).toEqual(before);
    const pg = jest.requireActual<typeof import('pg')>('pg');
    expect(typeof pg.Pool).toBe('function');
    expect(Object.keys(require.cache).some((file) => /node_modules[\\/]pg[\\/]lib[\\/]index\.js$/.test(file))).toBe(true);
  });

  it('does not replace a navigator that is there (Node 21 and later)', () => {
    const own = { userAgent: 'test' };
    const before = Object.getOwnPropertyDescriptor(globalThis, 'navigator');
    Object.defineProperty(globalThis, 'navigator', { value: own, configurable: true, writable: true });
    try {
      loadPg();
      expect(global.navigator).toBe(own);
    } finally {
      if (before) Object.defineProperty(globalThis, 'navigator', before);
      else delete global.navigator;
    }
  });
});
