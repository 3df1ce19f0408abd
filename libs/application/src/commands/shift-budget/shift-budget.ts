import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { invalid, msg, parseShiftBudget } from '@renja/domain';
import type { CommandMetadata, CommandResult } from '../../shared/command-metadata';
import { lineAddress } from '../../shared/line-address';
import { LedgerPipeline } from '../../shared/ledger-pipeline';

/** A budget shift (pergeseran) between two lines of one office: both legs commit together or neither. */
export class ShiftBudgetCommand {
  constructor(
    readonly year: number,
    readonly office: string,
    readonly body: Record<string, unknown>,
    readonly meta: CommandMetadata,
  ) {}
}

@CommandHandler(ShiftBudgetCommand)
export class ShiftBudgetHandler implements ICommandHandler<ShiftBudgetCommand, CommandResult> {
  constructor(private readonly pipeline: LedgerPipeline) {}

  execute({ year, office, body, meta }: ShiftBudgetCommand): Promise<CommandResult> {
    if (typeof body.fromCode !== 'string') throw invalid('fromCode', msg('SHIFT_FROM_REQUIRED'));
    if (typeof body.toCode !== 'string') throw invalid('toCode', msg('SHIFT_TO_REQUIRED'));
    return this.pipeline.execute(meta, {
      kind: 'shift-budget',
      from: lineAddress(year, office, body.fromCode),
      to: lineAddress(year, office, body.toCode),
      input: parseShiftBudget(body, 'strict'),
    });
  }
}
