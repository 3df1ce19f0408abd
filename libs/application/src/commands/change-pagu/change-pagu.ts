import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { parseChangePagu } from '@renja/domain';
import type { CommandResult } from '../../shared/command-metadata';
import { LineChangeCommand, LineChangeHandler } from '../../shared/line-change';
import type { LedgerCommand } from '../../shared/ledger-command';
import type { LineAddress } from '../../shared/line-address';
import { LedgerPipeline } from '../../shared/ledger-pipeline';

/** Sets a funding source's pagu in a phase, or adds a signed delta (a late DID transfer is an addition). */
export class ChangePaguCommand extends LineChangeCommand {}

@CommandHandler(ChangePaguCommand)
export class ChangePaguHandler extends LineChangeHandler<ChangePaguCommand> implements ICommandHandler<ChangePaguCommand, CommandResult> {
  constructor(pipeline: LedgerPipeline) {
    super(pipeline);
  }

  protected toCommand(body: Record<string, unknown>, line: LineAddress): LedgerCommand {
    return {
      kind: 'change-pagu',
      line,
      // Parsed at the edge, strictly (the API's canonical forms and unambiguous phase aliases).
      input: parseChangePagu(body, 'strict'),
    };
  }
}
