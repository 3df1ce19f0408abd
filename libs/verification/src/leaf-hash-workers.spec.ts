import { defaultWorkerCount } from './leaf-hash-workers';

describe('defaultWorkerCount', () => {
  it('starts no threads on one or two cores, where they would only compete with the reader and PostgreSQL', () => {
    expect(defaultWorkerCount(1)).toBe(0);
    expect(defaultWorkerCount(2)).toBe(0);
  });

  it('gives the threads the cores beyond two, at most four', () => {
    expect([3, 4, 6, 8, 64].map((cores) => defaultWorkerCount(cores))).toEqual([1, 2, 4, 4, 4]);
  });
});
