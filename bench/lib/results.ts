/** What a run measures, as written to bench/results/<date>.json. */
export interface BenchOptions {
  quick: boolean;
  only: Set<Scenario> | null;
  offices: number;
  /** Offices to reach about 2 million events for the large rebuild (0: skipped). */
  largeOffices: number;
  writers: number[];
  appendSeconds: number;
  commandSeconds: number;
  floorBatch: number;
  bulkOffices: number;
  queryRuns: number;
  /** Rebuilds in a row at each size; the median one is reported (one rebuild's time spreads ±15–20 % here). */
  rebuildRuns: number;
}

export const SCENARIOS = ['append', 'bulk', 'command', 'rebuild', 'verify', 'queries', 'web', 'cli'] as const;
export type Scenario = (typeof SCENARIOS)[number];

export interface AppendRow {
  scenario: string;
  contender: string;
  writers: number;
  operationsPerSecond: number;
  rowsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  retries: number;
  operations: number;
  seconds: number;
  note: string;
}

export interface BatchRow {
  what: string;
  events: number;
  seconds: number;
  eventsPerSecond: number;
  peakRssMb: number | null;
  /** Rebuilds: the most heap the process held (MB; median of the runs), sampled by the bench's heapProbe. */
  liveHeapMb?: number | null;
  note: string;
}

export interface QueryRow {
  query: string;
  runs: number;
  p50Ms: number;
  p95Ms: number;
}

/** A workbench page in Chromium: navigation start → its content on screen, against the API's own time for the same data. */
export interface WebRow {
  page: string;
  runs: number;
  coldMs: number;
  p50Ms: number;
  p95Ms: number;
  apiP50Ms: number;
  apiP95Ms: number;
}

export interface WebResults {
  rows: WebRow[];
  /** The JavaScript the pages loaded, in bytes as the server sent it (its first answer for each file), summed. */
  jsSentBytes: number;
  /** The Content-Encodings those answers came in ('identity': none). */
  jsEncodings: string[];
  /** The same files gzipped by the bench (level 6), summed: the budget's figure before the server compressed them. */
  jsGzipBytes: number;
  jsFiles: string[];
}

export interface BenchResults {
  date: string;
  command: string;
  machine: { platform: string; cpus: string; cores: number; memoryGb: number; loadAverage: number[] };
  versions: Record<string, string>;
  postgresFlags: string;
  options: Omit<BenchOptions, 'only'> & { only: string[] | null };
  dataset: { offices: number; events: number; loadSeconds: number; bytesPerEvent: Record<string, number> | null };
  append: AppendRow[];
  batch: BatchRow[];
  queries: QueryRow[];
  web: WebResults | null;
  targets: Array<{ target: string; measured: string; met: boolean | null }>;
  totalSeconds: number;
}
