import { Command } from 'commander';
import type { EntityManager } from 'typeorm';
import { PlanProjection, Projector, type BuiltBeside, type RebuildOptions } from '@renja/projections';
import { withLedger } from '../context';
import { ProgressBar } from '../progress-bar';
import { msg } from '@renja/domain/shared/messages/message';
import { CliRefusal } from '../cli-refusal';
import { tuneYoungCollector } from '../young-collector';

/** The plan projection, noting whether its rebuild was built beside the live tables (or, the role not owning them, in place). */
class ObservedPlanProjection extends PlanProjection {
  builtBeside = false;

  override async buildBeside(manager: EntityManager, options: RebuildOptions): Promise<BuiltBeside | null> {
    const built = await super.buildBeside(manager, options);
    this.builtBeside = built !== null;
    return built;
  }
}

export function projectionsCommand(): Command {
  const projections = new Command('projections').description('read models built from the ledger');
  projections
    .command('rebuild')
    .description('replay every event into new read models built beside the live ones (which keep serving), then switch to them')
    .option('--batch-size <n>', 'events per transaction', '1000')
    .action(async (options: { batchSize: string }) => {
      const batchSize = Number(options.batchSize);
      if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 100_000)
        throw new CliRefusal('BATCH_SIZE_RANGE', msg('BATCH_SIZE_RANGE'), 'batch-size');
      tuneYoungCollector();
      // As the tables' owner where the ledger knows it (embedded): then the rebuild builds beside and switches.
      await withLedger(
        async ({ store, dataSource }) => {
          const projection = new ObservedPlanProjection();
          const projector = new Projector(dataSource, store, projection, { batchSize });
          const head = await store.headPosition();
          const bar = new ProgressBar(`Membangun ulang ${projector.projection.name}:`);
          const started = Date.now();
          await projector.rebuild((done, total) => bar.update(done, total));
          bar.finish(await projector.position(), head);
          const [{ role }] = await dataSource.query<Array<{ role: string }>>('SELECT current_user AS role');
          process.stdout.write(
            `Proyeksi "${projector.projection.name}" dibangun ulang dari ${head} peristiwa dalam ${((Date.now() - started) / 1000).toFixed(1).replace('.', ',')} detik\n` +
              (projection.builtBeside
                ? `Dibangun di samping tabel yang dipakai, lalu ditukar: model baca tetap terbaca selama pembangunan ulang (peran basis data ${role}, pemilik tabelnya)\n`
                : `Dibangun di tempat: pembacaan model baca menunggu sampai pembangunan ulang selesai (peran basis data ${role} bukan pemilik tabelnya, lihat docs/security.md)\n`),
          );
        },
        { as: 'owner' },
      );
    });
  projections
    .command('status')
    .description('how far each projection has read the ledger')
    .action(async () => {
      await withLedger(async ({ store, dataSource }) => {
        const projector = new Projector(dataSource, store, new PlanProjection());
        const [position, head] = await Promise.all([projector.position(), store.headPosition()]);
        process.stdout.write(
          `${projector.projection.name}\tposisi ${position} dari ${head}${position < head ? ` (tertinggal ${head - position} peristiwa)` : ' (mutakhir)'}\n`,
        );
      });
    });
  return projections;
}
