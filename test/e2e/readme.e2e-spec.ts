import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI, ROOT, freePort, startServer, stopServer } from '../support/processes';
import { readmeBlocks, shellCommands, type ReadmeCommand } from '../support/readme-commands';

/**
 * Every command in README.md's ```bash blocks, run in order as a new user would, against a server started as
 * `npm start` starts it (the built dist/apps/api/src/main.js, on a fresh data folder), so the README cannot drift
 * from the code again. The conventions README follows are in test/support/readme-commands.ts.
 *
 * What the test changes, and why, so that a command runs here exactly as written there:
 * - `http://localhost:3000` becomes the test server's address (free ports, so runs never clash);
 * - `npx renja-ledger` runs the built CLI (the shell function below; a temporary folder has no package.json to
 *   find the bin in, and npx must never fetch anything from the registry);
 * - `curl` also reports each HTTP status and fails on >= 400 (`--fail-with-body`): a README example answering an
 *   error is a broken example, even inside a shell function that hides curl's exit code;
 * - the commands run in a temporary folder standing for the repository: `data/` links to the real one, and the
 *   servers keep their data in `.renja-ledger` (the sample) and `.renja-empty` (the walk-through) there, so
 *   `cat .renja-ledger/admin-token` and the CLI's default data folder work unchanged.
 */

/** Commands README shows that this test does not run: each with the reason, printed on every run. */
const SKIPPED_BY_DESIGN: Array<{ command: string; reason: string }> = [
  { command: 'npm ci', reason: 'installs the dependencies; the test runs on the tree already installed' },
  {
    command: 'npm start',
    reason: 'builds, then runs dist/apps/api/src/main.js: the test runs that same built server, on its own data folder and ports',
  },
  { command: 'npm test', reason: 'the whole test suite, this test included' },
  { command: 'npm run bench', reason: 'a run of minutes (--quick) to hours: docs/benchmarks.md' },
];

/** The two ledgers README's commands run against, named by the marker before each block. */
type Ledger = 'sample' | 'story';
const LEDGERS: Record<string, Ledger> = { sample: 'sample', story: 'story' };

interface Planned extends ReadmeCommand {
  ledger: Ledger;
}

function skipReason(command: ReadmeCommand): string | undefined {
  const text = command.text.replace(/\s+#.*$/, '').trim();
  return SKIPPED_BY_DESIGN.find((s) => text === s.command || text.startsWith(`${s.command} `))?.reason;
}

/** Splits README into the commands to run (per ledger) and the ones skipped by design; refuses anything unclear. */
function planReadme(markdown: string): { run: Planned[]; skipped: Array<ReadmeCommand & { reason: string }> } {
  const run: Planned[] = [];
  const skipped: Array<ReadmeCommand & { reason: string }> = [];
  for (const block of readmeBlocks(markdown)) {
    if (block.language === '')
      throw new Error(`README.md:${block.line}: a fence without a language; use \`\`\`bash (run by this test) or \`\`\`text (not run)`);
    if (block.language !== 'bash') continue;
    for (const command of shellCommands(block.body, block.line + 1)) {
      const reason = skipReason(command);
      if (reason) {
        skipped.push({ ...command, reason });
        continue;
      }
      const ledger = block.marker ? LEDGERS[block.marker] : undefined;
      if (!ledger)
        throw new Error(
          `README.md:${block.line}: this \`\`\`bash block needs <!-- readme-test: sample --> or <!-- readme-test: story --> ` +
            `on the line before it (found ${block.marker ?? 'none'}), or its command "${command.text}" a place in SKIPPED_BY_DESIGN`,
        );
      run.push({ ...command, ledger });
    }
  }
  return { run, skipped };
}

const PRELUDE = `set -o pipefail
npx() {
  if [ "$1" = renja-ledger ]; then shift; node "$README_TEST_CLI" "$@"; return; fi
  echo "README test: npx $1 is not run here" >&2; return 127
}
curl() { command curl --fail-with-body --write-out '%{stderr}\\n[readme-test] HTTP %{http_code}\\n' "$@"; }
`;

interface Result {
  /** null: the command never finished (the script was stopped after SCRIPT_LIMIT_MS). */
  rc: number | null;
  ms: number;
  stdout: string;
  stderr: string;
  statuses: number[];
}

/** curl's exit code for an HTTP status >= 400 under --fail-with-body. */
const CURL_HTTP_ERROR = 22;

/**
 * A bound on one ledger's commands together, only there to stop a command that hangs. Measured on the shared
 * 2-core machine: a CLI command 2.3–2.5 s when quiet, 6–12 s under a load average of 10–17; the whole test 125 s
 * at a load of 10, 245 s at 17 (the sample ledger's 38 commands then 95 s and 190 s).
 */
const SCRIPT_LIMIT_MS = 300_000;

/** Runs one ledger's commands in order in one bash (variables and functions carry over, as in a terminal). */
function runCommands(commands: Planned[], cwd: string, outDir: string, env: Record<string, string | undefined>, port: number) {
  mkdirSync(outDir, { recursive: true });
  const script = [
    PRELUDE,
    ...commands.map((c, i) => {
      const text = c.text.replaceAll('localhost:3000', `127.0.0.1:${port}`);
      const file = `${outDir}/${i}`;
      return `t=$(date +%s%N); {\n${text}\n} >"${file}.out" 2>"${file}.err" </dev/null; echo "$? $((($(date +%s%N) - t) / 1000000))" >"${file}.rc"`;
    }),
  ].join('\n');
  writeFileSync(join(outDir, 'script.sh'), script);
  return new Promise<Result[]>((resolve, reject) => {
    // its own process group, so that a hung command is stopped with the bash that runs it
    const child = spawn('bash', [join(outDir, 'script.sh')], { cwd, env: { ...process.env, ...env }, stdio: 'ignore', detached: true });
    const timer = setTimeout(() => process.kill(-child.pid!, 'SIGKILL'), SCRIPT_LIMIT_MS);
    child.on('error', reject);
    child.on('close', () => {
      clearTimeout(timer);
      resolve(
        commands.map((_, i) => {
          const read = (ext: string) => (existsSync(join(outDir, `${i}.${ext}`)) ? readFileSync(join(outDir, `${i}.${ext}`), 'utf8') : '');
          const [rcText, ms] = read('rc').trim().split(' ');
          const stderr = read('err');
          const statuses = [...stderr.matchAll(/\[readme-test\] HTTP (\d+)/g)].map((m) => Number(m[1]));
          return { rc: rcText ? Number(rcText) : null, ms: Number(ms ?? 0), stdout: read('out'), stderr, statuses };
        }),
      );
    });
  });
}

const markdown = readFileSync(join(ROOT, 'README.md'), 'utf8');
const plan = planReadme(markdown);

/** Folders README names that runs write (git ignores them): a fresh clone has none of them yet. */
const WRITTEN_BY_RUNS = ['test/browser/screenshots/'];

/** Repository paths README names, in `code` or as a link target (globs and placeholders left out). */
function namedPaths(text: string): string[] {
  const candidates = [...text.matchAll(/`([^`\s]+)`|\]\(([^)\s]+)\)/g)].map((m) => (m[1] ?? m[2]).replace(/[?#].*$/, ''));
  const inRepo = /^(?:apps|libs|projections|test|docs|data|scripts|bench|\.ci)\/[\w./-]*$/;
  return [...new Set(candidates.filter((c) => inRepo.test(c)))];
}

/** Every page of the PDF is landscape F4 (935,43 × 609,45 pt), as `paper=f4` asks. */
function expectF4Pdf(file: string): void {
  const pdf = readFileSync(file).toString('latin1');
  expect(pdf.startsWith('%PDF-')).toBe(true);
  const boxes = pdf.match(/\/MediaBox \[[^\]]*\]/g) ?? [];
  expect(boxes.length).toBeGreaterThan(0);
  expect(new Set(boxes)).toEqual(new Set(['/MediaBox [0 0 935.43 609.45]']));
}

/** Stable facts README states beside its commands (no sentences: those are being translated), checked on the output. */
const FACTS: Array<{ ledger: Ledger; command: string; check: (r: Result, cwd: string, others: (command: string) => Result) => void }> = [
  {
    ledger: 'sample',
    command: '/years/2024/offices/DKUKM/plan',
    check: (r) => expect(r.stdout).toContain('"currentPagu":"23633051862.00"'),
  },
  {
    ledger: 'sample',
    command: 'reports/consistency?format=csv',
    check: (r) => {
      // a row for every total the sample states for 2022 (its total-2022.csv), under one header row
      const stated =
        readFileSync(join(ROOT, 'data', 'samples', 'dkukm-babel', 'total-2022.csv'), 'utf8')
          .trim()
          .split('\n').length - 1;
      expect(r.stdout.trim().split('\n').length - 1).toBeGreaterThanOrEqual(stated);
    },
  },
  {
    ledger: 'story',
    command: 'get /years/2022/offices/DKUKM/plan',
    check: (r) => expect(JSON.parse(r.stdout).totals).toMatchObject({ currentPagu: '1653027794.00', absorption: { current: '38.15' } }),
  },
  {
    ledger: 'story',
    command: 'get "$L?validAt=2022-10-31"',
    check: (r) => expect(JSON.parse(r.stdout)).toMatchObject({ currentPagu: '653027794.00' }),
  },
  {
    ledger: 'story',
    command: "-H 'Accept-Language: en'",
    check: (r, _, others) => {
      // the same refusal twice: one rule, the message in two languages
      const english = JSON.parse(r.stdout) as { rule: string; message: string };
      const indonesian = JSON.parse(
        others(`post $L/realisations '{"period":"2022-Q4","amount":"9000000000.00"}'`).stdout,
      ) as typeof english;
      expect(english.rule).toBe('REALISATION_EXCEEDS_PAGU');
      expect(indonesian.rule).toBe(english.rule);
      expect(indonesian.message).not.toBe(english.message);
    },
  },
  {
    ledger: 'story',
    command: 'get $L/history',
    check: (r) => {
      // "every change": the line's registration and each change the walk-through recorded on it (refusals aside)
      const recorded = plan.run.filter((c) => c.ledger === 'story' && c.text.startsWith('post $L/') && !c.text.includes('→ 4'));
      expect(JSON.parse(r.stdout)).toHaveLength(1 + recorded.length);
    },
  },
  {
    ledger: 'sample',
    command: '--format xlsx --out rekonsiliasi-2022.xlsx',
    check: (_, cwd) => expect(readFileSync(join(cwd, 'rekonsiliasi-2022.xlsx')).subarray(0, 2).toString()).toBe('PK'),
  },
  { ledger: 'sample', command: '--format pdf --paper f4 --out evaluasi.pdf', check: (_, cwd) => expectF4Pdf(join(cwd, 'evaluasi.pdf')) },
  { ledger: 'sample', command: 'curl -sS -o riwayat-pagu.pdf', check: (_, cwd) => expectF4Pdf(join(cwd, 'riwayat-pagu.pdf')) },
  {
    ledger: 'sample',
    command: 'curl -sS -o serapan-2022.csv',
    check: (_, cwd) => {
      // for Indonesian spreadsheets: fields split by ";", amounts with a decimal comma
      const [header, ...rows] = readFileSync(join(cwd, 'serapan-2022.csv'), 'utf8').trim().split(/\r?\n/);
      expect(header.split(';').length).toBeGreaterThan(10);
      expect(rows.join('\n')).toMatch(/;\d+,\d\d;/);
    },
  },
  {
    ledger: 'sample',
    command: 'curl -sS -o riwayat-baris.xlsx',
    check: (_, cwd) => expect(readFileSync(join(cwd, 'riwayat-baris.xlsx')).subarray(0, 2).toString()).toBe('PK'),
  },
  {
    ledger: 'sample',
    command: '"$API/ledger/checkpoints"',
    check: (r, _, others) => {
      // the consistency proof README asks for is between sizes this list shows as issued
      const proof = JSON.parse(others('proofs/consistency?').stdout) as { from: number; to: number };
      const issued = (JSON.parse(r.stdout) as Array<{ size: number }>).map((c) => c.size);
      expect(issued).toEqual(expect.arrayContaining([proof.from, proof.to]));
      expect(proof.to).toBeGreaterThan(proof.from);
    },
  },
  {
    ledger: 'sample',
    command: 'proofs/consistency?',
    check: (r) => expect(JSON.parse(r.stdout)).toMatchObject({ proof: expect.any(Array) }),
  },
  {
    ledger: 'sample',
    command: 'renja-ledger export --office DKUKM',
    check: (_, cwd) => {
      const [header, first] = readFileSync(join(cwd, 'dkukm-2022.jsonl'), 'utf8')
        .split('\n')
        .map((l) => JSON.parse(l || '{}'));
      expect(header).toMatchObject({ checkpoint: expect.any(String), verifierKey: expect.any(String) });
      expect(first).toMatchObject({ position: expect.any(Number), hash: expect.any(String) });
    },
  },
  {
    ledger: 'sample',
    command: 'renja-ledger witness',
    check: (_, cwd, others) => {
      // the witness now holds the latest checkpoint, at least the one the consistency proof reached
      const held = JSON.parse(readFileSync(join(cwd, 'witness.json'), 'utf8')) as { size: number };
      expect(held.size).toBeGreaterThanOrEqual((JSON.parse(others('proofs/consistency?').stdout) as { to: number }).to);
    },
  },
  { ledger: 'sample', command: 'renja-ledger token create', check: (r) => expect(r.stdout.trim()).toMatch(/^rl_\S{43}$/) },
  {
    ledger: 'sample',
    command: '-F file=@data/samples/dkukm-babel/pagu-2022.csv',
    // the sample's own files: already imported at start, so nothing is written
    check: (r) => expect(JSON.parse(r.stdout)).toMatchObject({ events: 0, problems: [] }),
  },
];

describe('README.md, run as written', () => {
  const cwd = mkdtempSync(join(tmpdir(), 'renja-readme-'));
  const servers: Array<Awaited<ReturnType<typeof startServer>>> = [];
  const results = new Map<Planned, Result>();

  beforeAll(async () => {
    chmodSync(cwd, 0o755); // running as root, the embedded PostgreSQL's own user must reach the data folders inside
    symlinkSync(join(ROOT, 'data'), join(cwd, 'data'));
    for (const s of plan.skipped) console.log(`README.md:${s.line} not run by design: ${s.text}\n  ${s.reason}`);
    const started = Date.now();
    const ports = { sample: await freePort(), story: await freePort() };
    const start = async (ledger: Ledger) => {
      const pg = await freePort();
      const env = {
        DATABASE_URL: undefined,
        RENJA_DATA_DIR: join(cwd, ledger === 'sample' ? '.renja-ledger' : '.renja-empty'),
        PORT: String(ports[ledger]),
        RENJA_EMBEDDED_PG_PORT: String(pg),
        RENJA_VERIFY_EVERY_MINUTES: '0',
      };
      // the sample: what `npm start` loads into an empty ledger; the story: `npm start -- --empty`
      // a bound for a broken start, not a speed: initdb alone took 48 s at a load average of 24 on 2 cores
      const server = await startServer(
        env,
        240_000,
        ledger === 'sample' ? { sampleDir: join(ROOT, 'data', 'samples', 'dkukm-babel') } : {},
      );
      servers.push(server);
      const shellEnv = {
        DATABASE_URL: undefined,
        RENJA_DATA_DIR: undefined,
        RENJA_TOKEN: undefined,
        RENJA_EMBEDDED_PG_PORT: String(pg),
        README_TEST_CLI: CLI,
      };
      const commands = plan.run.filter((c) => c.ledger === ledger);
      const out = await runCommands(commands, cwd, join(cwd, '.readme-test', ledger), shellEnv, ports[ledger]);
      commands.forEach((c, i) => results.set(c, out[i]));
      const slowest = commands
        .map((c, i) => ({ c, ms: out[i].ms }))
        .sort((a, b) => b.ms - a.ms)
        .slice(0, 5)
        .map(({ c, ms }) => `  ${(ms / 1000).toFixed(1)} s  README.md:${c.line} ${c.text.split('\n')[0].slice(0, 90)}`);
      console.log(
        `README ${ledger} ledger: ${commands.length} commands, done ${((Date.now() - started) / 1000).toFixed(1)} s after the start; slowest:\n${slowest.join('\n')}`,
      );
    };
    // both run to the end before any test reads the results (and afterAll stops every server that started)
    const outcomes = await Promise.allSettled([start('sample'), start('story')]);
    for (const o of outcomes) if (o.status === 'rejected') throw o.reason;
  }, SCRIPT_LIMIT_MS + 150_000);

  afterAll(async () => {
    for (const server of servers) await stopServer(server.child);
    rmSync(cwd, { recursive: true, force: true });
  });

  it('runs commands against both ledgers and skips only what its short allowlist names, each entry still in README', () => {
    expect(new Set(plan.run.map((c) => c.ledger))).toEqual(new Set(['sample', 'story']));
    const unused = SKIPPED_BY_DESIGN.filter((s) => !plan.skipped.some((c) => c.reason === s.reason)).map((s) => s.command);
    expect(unused).toEqual([]);
  });

  it('documents in Configuration every RENJA_ variable the code reads', () => {
    const sources = ['apps', 'libs', 'projections'].flatMap((dir) =>
      (readdirSync(join(ROOT, dir), { recursive: true }) as string[])
        .filter((f) => /\.tsx?$/.test(f) && !/\.(spec|int-spec|e2e-spec)\.ts$/.test(f))
        .map((f) => readFileSync(join(ROOT, dir, f), 'utf8')),
    );
    const read = new Set(sources.flatMap((text) => text.match(/\bRENJA_[A-Z][A-Z_]*[A-Z]\b/g) ?? []));
    expect(read.size).toBeGreaterThan(20);
    const configuration = markdown.slice(
      markdown.indexOf('## Configuration'),
      markdown.indexOf('\n## ', markdown.indexOf('## Configuration') + 5),
    );
    expect([...read].filter((v) => !configuration.includes(`\`${v}\``)).sort()).toEqual([]);
  });

  it('names only files and folders that exist', () => {
    const paths = namedPaths(markdown);
    expect(paths.length).toBeGreaterThan(10);
    expect(paths.filter((p) => !WRITTEN_BY_RUNS.includes(p) && !existsSync(join(ROOT, p)))).toEqual([]);
  });

  it.each(plan.run.map((c) => [`README.md:${c.line} (${c.ledger}) ${c.text.split('\n')[0]}`, c] as const))('%s', (_, command) => {
    const r = results.get(command) ?? { rc: null, ms: 0, stdout: '', stderr: '', statuses: [] };
    // a README comment "→ 422" says the example shows a refusal: then that status, and only it, is right
    const refusal = /#[^\n]*→ (\d{3})/.exec(command.text);
    const expected = refusal ? Number(refusal[1]) : undefined;
    const httpAsWritten = expected ? r.statuses.length > 0 && r.statuses.every((s) => s === expected) : r.statuses.every((s) => s < 400);
    const exitAsWritten = r.rc === 0 || (expected !== undefined && r.rc === CURL_HTTP_ERROR);
    // on failure the output is in the comparison, so the report says what went wrong
    const output =
      r.rc === null
        ? `never finished: the commands were stopped after ${SCRIPT_LIMIT_MS / 1000} s`
        : `exit ${r.rc}, HTTP ${r.statuses.join(', ') || '-'}\n${r.stdout.slice(-1500)}\n${r.stderr.slice(-1500)}`;
    const ok = httpAsWritten && exitAsWritten;
    expect({ exitAsWritten, httpAsWritten, output: ok ? '' : output }).toEqual({ exitAsWritten: true, httpAsWritten: true, output: '' });
  });

  it.each(FACTS.map((f) => [`${f.ledger}: ${f.command}`, f] as const))('states a true fact beside %s', (_, fact) => {
    const matching = plan.run.filter((c) => c.ledger === fact.ledger && c.text.includes(fact.command));
    expect(matching).toHaveLength(1);
    const others = (text: string) => results.get(plan.run.find((c) => c.ledger === fact.ledger && c.text.includes(text))!)!;
    fact.check(results.get(matching[0])!, cwd, others);
  });
});
