import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { fold, officeSignatoryDecider, officeStreamId, parseOfficeCode, type OfficeStreamEvent } from '@renja/domain';
import type { EventStore } from '@renja/event-store';
import { authorize } from '../../shared/authorization';
import type { CommandMetadata, CommandResult } from '../../shared/command-metadata';
import { StreamCommandRunner } from '../../shared/stream-command-runner';
import { EVENT_STORE } from '../../shared/tokens';

/** Who signs the office's papers (place, title, name, NIP): an event on the office's own stream. */
export class SetOfficeSignatoryCommand {
  constructor(
    readonly office: string,
    readonly body: { place?: unknown; title?: unknown; name?: unknown; nip?: unknown },
    readonly meta: CommandMetadata,
  ) {}
}

@CommandHandler(SetOfficeSignatoryCommand)
export class SetOfficeSignatoryHandler implements ICommandHandler<SetOfficeSignatoryCommand, CommandResult> {
  constructor(
    private readonly runner: StreamCommandRunner,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  execute({ office, body, meta }: SetOfficeSignatoryCommand): Promise<CommandResult> {
    const code = parseOfficeCode(office, 'office');
    authorize(meta.principal, { kind: 'set-office-signatory', office: code });
    const streamId = officeStreamId(code);
    return this.runner.run(meta, streamId, async () => {
      const history = await this.store.readStream(streamId);
      const state = fold(
        officeSignatoryDecider.evolve,
        officeSignatoryDecider.initialState(),
        history.map((e) => ({ id: e.id, type: e.type, data: e.data }) as unknown as OfficeStreamEvent),
      );
      const events = officeSignatoryDecider.decide(
        {
          type: 'SetOfficeSignatory',
          eventId: this.runner.newEventId(),
          office: code,
          place: body.place,
          title: body.title,
          name: body.name,
          nip: body.nip,
        },
        state,
      );
      return { writes: [{ streamId, events }], versions: { [streamId]: history.length } };
    });
  }
}
