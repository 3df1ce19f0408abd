import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { parseRecordRealisation } from '@renja/domain';
import type { CommandResult } from '../../shared/command-metadata';
import { LineChangeCommand, LineChangeHandler } from '../../shared/line-change';
import type { LedgerCommand } from '../../shared/ledger-command';
import type { LineAddress } from '../../shared/line-address';
import { LedgerPipeline } from '../../shared/ledger-pipeline';

/** Records money spent (realisasi keuangan) and/or output achieved (realisasi kinerja) for a month or quarter. */
export class RecordRealisationCommand extends LineChangeCommand {}

@CommandHandler(RecordRealisationCommand)
export class RecordRealisationHandler
  extends LineChangeHandler<RecordRealisationCommand>
  implements ICommandHandler<RecordRealisationCommand, CommandResult>
{
  constructor(pipeline: LedgerPipeline) {
    super(pipeline);
  }

  protected toCommand(body: Record<string, unknown>, line: LineAddress): LedgerCommand {
    return {
      kind: 'record-realisation',
      line,
      // Parsed at the edge, strictly (the API's forms; a quarter alias names one of the line's year).
      input: parseRecordRealisation(body, 'strict', line.year),
    };
  }
}
