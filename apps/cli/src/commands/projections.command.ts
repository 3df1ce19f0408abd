import { Command } from 'commander';
import { PlanProjection, Projector } from '@renja/projections';
import { withLedger } from '../context';
import { ProgressBar } from '../progress-bar';
import { msg } from '@renja/domain/shared/messages/message';
import { CliRefusal } from '../cli-refusal';

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
      await withLedger(async ({ store, dataSource }) => {
        const projector = new Projector(dataSource, store, new PlanProjection(), { batchSize });
        const head = await store.headPosition();
        const bar = new ProgressBar(`Membangun ulang ${projector.projection.name}:`);
        const started = Date.now();
        await projector.rebuild((done, total) => bar.update(done, total));
        bar.finish(await projector.position(), head);
        process.stdout.write(
          `Proyeksi "${projector.projection.name}" dibangun ulang dari ${head} peristiwa dalam ${((Date.now() - started) / 1000).toFixed(1).replace('.', ',')} detik\n`,
        );
      });
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
