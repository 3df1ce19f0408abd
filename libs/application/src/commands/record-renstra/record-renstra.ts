import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { LineCommand } from '@renja/domain';
import type { Action } from '../../shared/authorization';
import type { CommandResult } from '../../shared/command-metadata';
import { LineChangeCommand, LineChangeHandler } from '../../shared/line-change';
import { StreamCommandRunner } from '../../shared/stream-command-runner';

/** Records a line's Renstra figures (end-of-period target, realisation up to last year) in K and/or Rp. */
export class RecordRenstraCommand extends LineChangeCommand {}

@CommandHandler(RecordRenstraCommand)
export class RecordRenstraHandler
  extends LineChangeHandler<RecordRenstraCommand>
  implements ICommandHandler<RecordRenstraCommand, CommandResult>
{
  constructor(runner: StreamCommandRunner) {
    super(runner);
  }

  protected action(_command: RecordRenstraCommand, office: string): Action {
    return { kind: 'record-renstra', office };
  }

  protected toDomain({ body }: RecordRenstraCommand, eventId: string): LineCommand {
    return { ...body, type: 'RecordRenstra', eventId };
  }
}
