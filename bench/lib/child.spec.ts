import { execFileSync } from 'node:child_process';
import { liveHeapMb } from './child';

describe('liveHeapMb', () => {
  it("reads V8's own --trace-gc lines: the most kept after a full collection, not the heap before it", () => {
    // A million small objects kept through one full collection, then dropped before a second one.
    const output = execFileSync(process.execPath, [
      '--trace-gc',
      '--expose-gc',
      '-e',
      'globalThis.keep = Array.from({ length: 1e6 }, (_, i) => ({ i })); gc(); globalThis.keep = null; gc();',
    ]).toString();
    const kept = liveHeapMb(output);
    expect(kept).toBeGreaterThan(20); // a million objects of 16+ bytes, and their array
    const collections = [...output.matchAll(/Mark-Compact[^\n]*-> ([\d.]+) \(/g)].map((m) => Number(m[1]));
    expect(collections.length).toBeGreaterThanOrEqual(2);
    expect(kept).toBe(Math.max(...collections));
    expect(collections.at(-1)!).toBeLessThan(kept! / 4); // the second one freed them: the most, not the last
  });

  it('reads the reduce variant, ignores scavenges, and says null when no full collection ran', () => {
    const lines = [
      '[1:0x1]  90 ms: Scavenge 300.0 (310.0) -> 290.0 (312.0) MB, 4.59 / 0.00 ms  allocation failure;',
      '[1:0x1]  99 ms: Mark-Compact (reduce) 139.4 (170.7) -> 34.0 (110.9) MB, 3.82 / 0.01 ms  (+ 7.4 ms in 35 steps)',
      '[1:0x1] 120 ms: Mark-Compact 139.3 (171.6) -> 33.6 (113.6) MB, 11.28 / 0.01 ms  finalize incremental marking',
    ];
    expect(liveHeapMb(lines.join('\n'))).toBe(34);
    expect(liveHeapMb(lines[0])).toBeNull();
    expect(liveHeapMb('Proyeksi "plan" dibangun ulang dari 10 peristiwa dalam 1,2 detik')).toBeNull();
  });
});
