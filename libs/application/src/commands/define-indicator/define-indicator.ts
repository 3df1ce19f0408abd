import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { LineCommand } from '@renja/domain';
import type { Action } from '../../shared/authorization';
import type { CommandResult } from '../../shared/command-metadata';
import { LineChangeCommand, LineChangeHandler } from '../../shared/line-change';
import { StreamCommandRunner } from '../../shared/stream-command-runner';

/** Defines a performance indicator (indikator kinerja) on a line: name, unit, direction. */
export class DefineIndicatorCommand extends LineChangeCommand {}

@CommandHandler(DefineIndicatorCommand)
export class DefineIndicatorHandler
  extends LineChangeHandler<DefineIndicatorCommand>
  implements ICommandHandler<DefineIndicatorCommand, CommandResult>
{
  constructor(runner: StreamCommandRunner) {
    super(runner);
  }

  protected action(_command: DefineIndicatorCommand, office: string): Action {
    return { kind: 'define-indicator', office };
  }

  protected toDomain({ body }: DefineIndicatorCommand, eventId: string): LineCommand {
    return { ...body, type: 'DefineIndicator', eventId } as LineCommand;
  }
}
