import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { decideShift, invalid, msg, notFound } from '@renja/domain';
import { authorize } from '../../shared/authorization';
import type { CommandMetadata, CommandResult } from '../../shared/command-metadata';
import { lineAddress } from '../../shared/line-address';
import { StreamCommandRunner } from '../../shared/stream-command-runner';

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
  constructor(private readonly runner: StreamCommandRunner) {}

  execute({ year, office, body, meta }: ShiftBudgetCommand): Promise<CommandResult> {
    if (typeof body.fromCode !== 'string') throw invalid('fromCode', msg('SHIFT_FROM_REQUIRED'));
    if (typeof body.toCode !== 'string') throw invalid('toCode', msg('SHIFT_TO_REQUIRED'));
    const from = lineAddress(year, office, body.fromCode);
    const to = lineAddress(year, office, body.toCode);
    authorize(meta.principal, { kind: 'shift-budget', office: from.officeCode });
    return this.runner.run(meta, from.streamId, async () => {
      const [fromLine, toLine] = await Promise.all([this.runner.loadLine(from.streamId), this.runner.loadLine(to.streamId)]);
      for (const [line, field] of [
        [fromLine, 'fromCode'],
        [toLine, 'toCode'],
      ] as const) {
        const { code } = field === 'fromCode' ? from : to;
        if (!line.state.line)
          throw notFound(
            'LINE_NOT_REGISTERED',
            msg('LINE_NOT_REGISTERED.in_office', { field, code, year, office: from.officeCode }),
            field,
          );
      }
      const legs = decideShift(
        {
          ...body,
          type: 'ShiftBudget',
          shiftId: this.runner.newEventId(),
          outEventId: this.runner.newEventId(),
          inEventId: this.runner.newEventId(),
        } as never,
        fromLine.state,
        toLine.state,
      );
      return {
        writes: [
          { streamId: from.streamId, events: legs.out },
          { streamId: to.streamId, events: legs.in },
        ],
        versions: { [from.streamId]: fromLine.version, [to.streamId]: toLine.version },
      };
    });
  }
}
