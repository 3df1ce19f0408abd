import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { LineCommand } from '@renja/domain';
import type { Action } from '../../shared/authorization';
import type { CommandResult } from '../../shared/command-metadata';
import { LineChangeCommand, LineChangeHandler } from '../../shared/line-change';
import { StreamCommandRunner } from '../../shared/stream-command-runner';

/** Sets or revises an indicator's target for the year, with a reason and an effective date. */
export class ReviseTargetCommand extends LineChangeCommand {}

@CommandHandler(ReviseTargetCommand)
export class ReviseTargetHandler
  extends LineChangeHandler<ReviseTargetCommand>
  implements ICommandHandler<ReviseTargetCommand, CommandResult>
{
  constructor(runner: StreamCommandRunner) {
    super(runner);
  }

  protected action(_command: ReviseTargetCommand, office: string): Action {
    return { kind: 'revise-target', office };
  }

  protected toDomain({ body }: ReviseTargetCommand, eventId: string): LineCommand {
    return { ...body, type: 'ReviseTarget', eventId } as LineCommand;
  }
}
