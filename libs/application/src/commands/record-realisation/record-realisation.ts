import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { LineCommand } from '@renja/domain';
import type { Action } from '../../shared/authorization';
import type { CommandResult } from '../../shared/command-metadata';
import { LineChangeCommand, LineChangeHandler } from '../../shared/line-change';
import { StreamCommandRunner } from '../../shared/stream-command-runner';

/** Records money spent (realisasi keuangan) and/or output achieved (realisasi kinerja) for a month or quarter. */
export class RecordRealisationCommand extends LineChangeCommand {}

@CommandHandler(RecordRealisationCommand)
export class RecordRealisationHandler
  extends LineChangeHandler<RecordRealisationCommand>
  implements ICommandHandler<RecordRealisationCommand, CommandResult>
{
  constructor(runner: StreamCommandRunner) {
    super(runner);
  }

  protected action(_command: RecordRealisationCommand, office: string): Action {
    return { kind: 'record-realisation', office };
  }

  protected toDomain({ body }: RecordRealisationCommand, eventId: string): LineCommand {
    return { ...body, type: 'RecordRealisation', eventId } as LineCommand;
  }
}
