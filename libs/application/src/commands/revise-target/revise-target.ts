import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { parseReviseTarget } from '@renja/domain';
import type { CommandResult } from '../../shared/command-metadata';
import { LineChangeCommand, LineChangeHandler } from '../../shared/line-change';
import type { LedgerCommand } from '../../shared/ledger-command';
import type { LineAddress } from '../../shared/line-address';
import { LedgerPipeline } from '../../shared/ledger-pipeline';

/** Sets or revises an indicator's target for the year, with a reason and an effective date. */
export class ReviseTargetCommand extends LineChangeCommand {}

@CommandHandler(ReviseTargetCommand)
export class ReviseTargetHandler
  extends LineChangeHandler<ReviseTargetCommand>
  implements ICommandHandler<ReviseTargetCommand, CommandResult>
{
  constructor(pipeline: LedgerPipeline) {
    super(pipeline);
  }

  protected toCommand(body: Record<string, unknown>, line: LineAddress): LedgerCommand {
    return {
      kind: 'revise-target',
      line,
      input: parseReviseTarget(
        {
          indicator: body.indicator ?? body.indicatorId,
          value: body.value,
          reason: body.reason,
          effectiveDate: body.effectiveDate,
          legalBasis: body.legalBasis,
        },
        'strict',
      ),
    };
  }
}
