import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { fold, officeDecider, officeStreamId, parseOfficeCode } from '@renja/domain';
import type { EventStore } from '@renja/event-store';
import { authorize } from '../../shared/authorization';
import type { CommandMetadata, CommandResult } from '../../shared/command-metadata';
import { StreamCommandRunner } from '../../shared/stream-command-runner';
import { EVENT_STORE } from '../../shared/tokens';

export class RegisterOfficeCommand {
  constructor(
    readonly body: { code: unknown; name: unknown },
    readonly meta: CommandMetadata,
  ) {}
}

@CommandHandler(RegisterOfficeCommand)
export class RegisterOfficeHandler implements ICommandHandler<RegisterOfficeCommand, CommandResult> {
  constructor(
    private readonly runner: StreamCommandRunner,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  execute({ body, meta }: RegisterOfficeCommand): Promise<CommandResult> {
    const code = parseOfficeCode(body.code);
    authorize(meta.principal, { kind: 'register-office', office: code });
    const streamId = officeStreamId(code);
    return this.runner.run(meta, streamId, async () => {
      const history = await this.store.readStream(streamId);
      const state = fold(
        officeDecider.evolve,
        officeDecider.initialState(),
        history.map((e) => ({ id: e.id, type: 'office.registered' as const, data: e.data as { code: string; name: string } })),
      );
      const events = officeDecider.decide(
        { type: 'RegisterOffice', eventId: this.runner.newEventId(), code: body.code, name: body.name },
        state,
      );
      return { writes: [{ streamId, events }], versions: { [streamId]: history.length } };
    });
  }
}
