import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { EVENT_STORE, ImportService, pathSources, systemPrincipal } from '@renja/application';
import type { EventStore } from '@renja/event-store';
import type { LedgerConfig } from '@renja/infrastructure/config/config';

/** The actor of the built-in sample's events: evidence that nobody typed them in. */
export const SAMPLE_ACTOR = 'renja-ledger (contoh bawaan)';

/** The folder holding package.json of renja-ledger, from src/ or dist/ alike. */
function packageRoot(from: string): string {
  for (let dir = from; dir !== dirname(dir); dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && JSON.parse(readFileSync(manifest, 'utf8')).name === 'renja-ledger') return dir;
  }
  return process.cwd();
}

export const defaultSampleDir = () => join(packageRoot(__dirname), 'data', 'samples', 'dkukm-babel');

/**
 * On the embedded default with an empty ledger, imports the built-in sample (the reference document's
 * plan) so a new user sees the product working at once; says what it loaded and how to start empty.
 */
export async function loadBuiltInSample(
  app: INestApplication,
  config: LedgerConfig,
  log: (line: string) => void,
  argv = process.argv,
): Promise<void> {
  if (config.databaseUrl) return;
  const store = app.get<EventStore>(EVENT_STORE);
  // Empty = no plan data yet: the first start's own token grant (an access-token event) does not count.
  const head = await store.headPosition();
  if (head > 100) return;
  const recorded = await store.readAll({ limit: 100 });
  if (recorded.some((e) => !e.streamId.startsWith('access-token-'))) return;
  if (!config.loadSample || argv.includes('--empty')) {
    log('Starting with an empty ledger (the built-in sample was not loaded: --empty or RENJA_SAMPLE=none).');
    return;
  }
  const dir = config.sampleDir ?? defaultSampleDir();
  if (!existsSync(dir)) {
    log(`No built-in sample at ${dir}: starting with an empty ledger.`);
    return;
  }
  const result = await app.get(ImportService).run({ sources: pathSources([dir]), principal: systemPrincipal(SAMPLE_ACTOR) });
  if (result.status === 'imported') {
    const files = result.files.map((f) => f.name).join(', ');
    log(`Loaded the built-in sample from ${dir} (${files}): ${result.events} events recorded as "${SAMPLE_ACTOR}".`);
    log(`To start with an empty ledger instead: stop, delete ${config.dataDir} and run "npm start -- --empty" (or set RENJA_SAMPLE=none).`);
    return;
  }
  log(`The built-in sample at ${dir} was not loaded: ${result.message}`);
  for (const p of result.problems.slice(0, 10)) log(`  ${p.file ?? ''}:${p.row ?? ''} ${p.column ?? ''} ${p.rule}: ${p.message}`);
}
