import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { parseIndicatorDefinition } from '@renja/domain';
import type { CommandResult } from '../../shared/command-metadata';
import { LineChangeCommand, LineChangeHandler } from '../../shared/line-change';
import type { LedgerCommand } from '../../shared/ledger-command';
import type { LineAddress } from '../../shared/line-address';
import { LedgerPipeline } from '../../shared/ledger-pipeline';

/** Defines a performance indicator (indikator kinerja) on a line: name, unit, direction. */
export class DefineIndicatorCommand extends LineChangeCommand {}

@CommandHandler(DefineIndicatorCommand)
export class DefineIndicatorHandler
  extends LineChangeHandler<DefineIndicatorCommand>
  implements ICommandHandler<DefineIndicatorCommand, CommandResult>
{
  constructor(pipeline: LedgerPipeline) {
    super(pipeline);
  }

  protected toCommand(body: Record<string, unknown>, line: LineAddress): LedgerCommand {
    return { kind: 'define-indicator', line, input: parseIndicatorDefinition(body, 'strict') };
  }
}
