import { execFileSync } from 'node:child_process';
import { collectYoungOnOneThread } from './young-collector';

describe('the young-generation collector of a long CLI job', () => {
  it('collects on the JavaScript thread alone on two cores or fewer, in parallel beyond', () => {
    expect(collectYoungOnOneThread(1)).toBe(true);
    expect(collectYoungOnOneThread(2)).toBe(true);
    expect(collectYoungOnOneThread(3)).toBe(false);
    expect(collectYoungOnOneThread(16)).toBe(false);
  });

  it('takes effect in a running process: one scavenging task per collection instead of several', () => {
    // A child process allocating young garbage, with V8 tracing each scavenging task; the flag is set at run time,
    // as tuneYoungCollector sets it. Counted: collections (lines naming the heap) against tasks (all lines).
    const script = (flag: string) =>
      `require('node:v8').setFlagsFromString('${flag}');` +
      `let keep = []; for (let i = 0; i < 2e6; i++) { keep.push({ i, s: 'x' + i }); if (keep.length > 20000) keep = []; }`;
    const trace = (flag: string) => {
      const out = execFileSync(process.execPath, ['--trace-gc', '--trace-parallel-scavenge', '-e', script(flag)], { encoding: 'utf8' });
      const lines = out.split('\n');
      return {
        collections: lines.filter((line) => line.includes(': Scavenge ')).length,
        tasks: lines.filter((line) => line.includes(' scavenge[')).length,
      };
    };
    // One trace line per task: as many as collections on one thread, more with helpers.
    const one = trace('--no-parallel-scavenge');
    expect(one.collections).toBeGreaterThan(5);
    expect(one.tasks).toBe(one.collections);
    const parallel = trace('--parallel-scavenge');
    expect(parallel.tasks).toBeGreaterThan(parallel.collections);
  });
});
