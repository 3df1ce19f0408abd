import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { parseRecordRenstra } from '@renja/domain';
import type { CommandResult } from '../../shared/command-metadata';
import { LineChangeCommand, LineChangeHandler } from '../../shared/line-change';
import type { LedgerCommand } from '../../shared/ledger-command';
import type { LineAddress } from '../../shared/line-address';
import { LedgerPipeline } from '../../shared/ledger-pipeline';

/** Records a line's Renstra figures (end-of-period target, realisation up to last year) in K and/or Rp. */
export class RecordRenstraCommand extends LineChangeCommand {}

@CommandHandler(RecordRenstraCommand)
export class RecordRenstraHandler
  extends LineChangeHandler<RecordRenstraCommand>
  implements ICommandHandler<RecordRenstraCommand, CommandResult>
{
  constructor(pipeline: LedgerPipeline) {
    super(pipeline);
  }

  protected toCommand(body: Record<string, unknown>, line: LineAddress): LedgerCommand {
    return { kind: 'record-renstra', line, input: parseRecordRenstra(body, 'strict') };
  }
}
