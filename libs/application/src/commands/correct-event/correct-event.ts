import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { decideLine, decideShiftCorrection, invalid, isLineStream, lineStreamId, msg, notFound, ruleBroken } from '@renja/domain';
import type { EventStore } from '@renja/event-store';
import { authorize, correctionAction } from '../../shared/authorization';
import type { CommandMetadata, CommandResult } from '../../shared/command-metadata';
import { StreamCommandRunner, type LoadedLine, type StreamWrite } from '../../shared/stream-command-runner';
import { EVENT_STORE } from '../../shared/tokens';

/** line-{year}-{office}-{code}: office codes may contain dashes, plan codes never do, so the last dash ends the office. */
function officeOfLineStream(streamId: string): string {
  const rest = streamId.slice('line-'.length + 5);
  return rest.slice(0, rest.lastIndexOf('-'));
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Corrects or reverses a recorded event with a new event that references it. Body: {reason,
 * legalBasis?, ...replacement fields}; no replacement fields means a reversal.
 */
export class CorrectEventCommand {
  constructor(
    readonly eventId: string,
    readonly body: Record<string, unknown>,
    readonly meta: CommandMetadata,
  ) {}
}

@CommandHandler(CorrectEventCommand)
export class CorrectEventHandler implements ICommandHandler<CorrectEventCommand, CommandResult> {
  constructor(
    private readonly runner: StreamCommandRunner,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async execute({ eventId: sent, body, meta }: CorrectEventCommand): Promise<CommandResult> {
    const eventId = sent.toLowerCase(); // ids are stored and compared in lower case
    if (!UUID.test(eventId)) throw invalid('eventId', msg('EVENT_ID_FORMAT', { eventId }));
    const target = await this.store.findEvent(eventId);
    if (!target) throw notFound('EVENT_NOT_FOUND', msg('EVENT_NOT_FOUND', { eventId }), 'eventId');
    if (!isLineStream(target.streamId))
      throw ruleBroken('EVENT_NOT_CORRECTABLE', msg('EVENT_NOT_CORRECTABLE.not_line', { eventId, type: target.type }), 'eventId');
    const { reason, legalBasis, ...fields } = body;
    // Only the fields the client sent replace the original's; absent ones keep their recorded value.
    const replacement = Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
    // The role that may record the corrected event's kind may correct it, within its office scope.
    authorize(meta.principal, ...correctionAction(target.type, target.data, replacement, officeOfLineStream(target.streamId)));
    return this.runner.run(meta, target.streamId, async () => {
      const line = await this.runner.loadLine(target.streamId);
      const entry = line.state.entries.find((e) => e.eventId === eventId);
      if (entry?.kind === 'shift') return this.correctShift(line, entry.data.counterpartCode, eventId, { reason, legalBasis, replacement });
      const events = decideLine(
        { type: 'CorrectEvent', eventId: this.runner.newEventId(), correctedEventId: eventId, reason, legalBasis, replacement },
        line.state,
      );
      return { writes: [{ streamId: line.streamId, events }], versions: { [line.streamId]: line.version } };
    });
  }

  private async correctShift(
    line: LoadedLine,
    counterpartCode: string,
    correctedEventId: string,
    input: { reason: unknown; legalBasis: unknown; replacement: Record<string, unknown> },
  ): Promise<{ writes: StreamWrite[]; versions: Record<string, number> }> {
    const { year, officeCode } = line.state.line!;
    const counterpart = await this.runner.loadLine(lineStreamId(year, officeCode, counterpartCode));
    const decided = decideShiftCorrection(
      { type: 'CorrectShift', correctedEventId, eventId: this.runner.newEventId(), counterpartEventId: this.runner.newEventId(), ...input },
      line.state,
      counterpart.state,
    );
    return {
      writes: [
        { streamId: line.streamId, events: decided.line },
        { streamId: counterpart.streamId, events: decided.counterpart },
      ],
      versions: { [line.streamId]: line.version, [counterpart.streamId]: counterpart.version },
    };
  }
}
