import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { invalid, isLineStream, msg, notFound, parseCorrectEvent, ruleBroken } from '@renja/domain';
import type { EventStore } from '@renja/event-store';
import type { CommandMetadata, CommandResult } from '../../shared/command-metadata';
import { correctionTarget } from '../../shared/ledger-command';
import { LedgerPipeline } from '../../shared/ledger-pipeline';
import { EVENT_STORE } from '../../shared/tokens';

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
    private readonly pipeline: LedgerPipeline,
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
    return this.pipeline.execute(meta, {
      kind: 'correct-event',
      target: correctionTarget(target),
      input: parseCorrectEvent({ correctedEventId: eventId, reason, legalBasis, replacement }, 'strict'),
    });
  }
}
