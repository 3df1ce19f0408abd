import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { LineCommand } from '@renja/domain';
import type { Action } from '../../shared/authorization';
import type { CommandResult } from '../../shared/command-metadata';
import { LineChangeCommand, LineChangeHandler } from '../../shared/line-change';
import { StreamCommandRunner } from '../../shared/stream-command-runner';

/** Sets a funding source's pagu in a phase, or adds a signed delta (a late DID transfer is an addition). */
export class ChangePaguCommand extends LineChangeCommand {}

@CommandHandler(ChangePaguCommand)
export class ChangePaguHandler extends LineChangeHandler<ChangePaguCommand> implements ICommandHandler<ChangePaguCommand, CommandResult> {
  constructor(runner: StreamCommandRunner) {
    super(runner);
  }

  protected action({ body }: ChangePaguCommand, office: string): Action {
    return { kind: 'change-pagu', office, phase: body.phase };
  }

  protected toDomain({ body }: ChangePaguCommand, eventId: string): LineCommand {
    return { ...body, type: 'ChangePagu', eventId } as LineCommand;
  }
}
