import { execFileSync } from 'node:child_process';
import { heapProbe } from './child';

/** Runs `script` in a node process with `probe` preloaded; returns what the probe read. */
function probed(script: string, everyMs = 50): number | null {
  const probe = heapProbe(everyMs);
  execFileSync(process.execPath, [...probe.flags, '-e', script]);
  return probe.read();
}

describe('heapProbe', () => {
  it('reads what the process holds while it holds it, not what is left at exit', () => {
    // A million small objects kept for half a second, then dropped before the process ends.
    const most = probed(
      'globalThis.keep = Array.from({ length: 1e6 }, (_, i) => ({ i })); setTimeout(() => { globalThis.keep = null; }, 500);',
    );
    expect(most).toBeGreaterThan(20); // a million objects of 16+ bytes, and their array
  });

  it('does not count garbage the process has not collected yet', () => {
    // About 200 MB of short-lived objects, made a chunk per turn of the event loop, with nothing kept: read
    // without a collection, the heap in use reached 74 MB at times; the probe's collections see only what is live.
    const most = probed(
      'let left = 100; const turn = () => { let chunk = Array.from({ length: 1e5 }, (_, i) => ({ i, s: "x" + i })); chunk = null; if (--left > 0) setImmediate(turn); }; turn();',
      50,
    );
    expect(most).not.toBeNull();
    expect(most!).toBeLessThan(12);
  });

  it('says null when the probe never ran (the process was not started with its flags)', () => {
    const probe = heapProbe(50);
    execFileSync(process.execPath, ['-e', '0']);
    expect(probe.read()).toBeNull();
  });
});
