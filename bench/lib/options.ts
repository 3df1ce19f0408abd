import { SCENARIOS, type BenchOptions, type Scenario } from './results';

const USAGE = `usage: npm run bench [-- --quick] [-- --only ${SCENARIOS.join(',')}]`;

/** --quick: a small data set and short runs (a smoke run of a minute or two); --only: a subset of scenarios. */
export function parseOptions(argv: string[]): BenchOptions {
  let quick = false;
  let only: Set<Scenario> | null = null;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--quick') quick = true;
    else if (arg === '--only' || arg.startsWith('--only=')) {
      const value = arg === '--only' ? argv[++i] : arg.slice('--only='.length);
      if (!value) throw new Error(`--only needs a list of scenarios\n${USAGE}`);
      const names = value
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      const unknown = names.filter((n) => !(SCENARIOS as readonly string[]).includes(n));
      if (unknown.length > 0)
        throw new Error(`--only: unknown scenario(s) ${unknown.join(', ')}; choose from ${SCENARIOS.join(', ')}\n${USAGE}`);
      only = new Set(names as Scenario[]);
    } else if (arg === '--help' || arg === '-h') {
      process.stdout.write(`${USAGE}\n`);
      process.exit(0);
    } else throw new Error(`unknown option ${arg}\n${USAGE}`);
  }
  return quick
    ? {
        quick,
        only,
        offices: 3,
        largeOffices: 0,
        writers: [1, 8, 32],
        appendSeconds: 1.5,
        commandSeconds: 1.5,
        floorBatch: 1000,
        bulkOffices: 1,
        queryRuns: 5,
        rebuildRuns: 1,
      }
    : {
        quick,
        only,
        offices: 40,
        largeOffices: 164,
        writers: [1, 8, 32],
        appendSeconds: 6,
        commandSeconds: 6,
        floorBatch: 1000,
        bulkOffices: 4,
        queryRuns: 20,
        rebuildRuns: 3,
      };
}

export const runs = (options: BenchOptions, scenario: Scenario): boolean => options.only === null || options.only.has(scenario);
