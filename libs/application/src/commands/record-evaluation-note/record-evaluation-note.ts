import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  assertFiscalYear,
  evaluationNoteDecider,
  evaluationNoteStreamId,
  fold,
  lineStreamId,
  officeStreamId,
  parseOfficeCode,
  parsePlanCode,
  type EvaluationNoteData,
  type EvaluationNoteRecorded,
} from '@renja/domain';
import type { EventStore } from '@renja/event-store';
import { authorize } from '../../shared/authorization';
import type { CommandMetadata, CommandResult } from '../../shared/command-metadata';
import { StreamCommandRunner } from '../../shared/stream-command-runner';
import { EVENT_STORE } from '../../shared/tokens';

/** Faktor pendorong / penghambat / tindak lanjut of an office's evaluation for one quarter (and line). */
export class RecordEvaluationNoteCommand {
  constructor(
    readonly year: number,
    readonly office: string,
    readonly body: Record<string, unknown>,
    readonly meta: CommandMetadata,
  ) {}
}

const present = (value: unknown) => value !== undefined && value !== null && !(typeof value === 'string' && value.trim() === '');

@CommandHandler(RecordEvaluationNoteCommand)
export class RecordEvaluationNoteHandler implements ICommandHandler<RecordEvaluationNoteCommand, CommandResult> {
  constructor(
    private readonly runner: StreamCommandRunner,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async execute({ year, office, body, meta }: RecordEvaluationNoteCommand): Promise<CommandResult> {
    const fiscalYear = assertFiscalYear(year);
    const officeCode = parseOfficeCode(office, 'office');
    authorize(meta.principal, { kind: 'record-evaluation-note', office: officeCode });
    const streamId = evaluationNoteStreamId(officeCode, fiscalYear);
    const decide = async () => {
      const code = present(body.code) ? parsePlanCode(body.code).code : null;
      const [history, officeRegistered, lineRegistered] = await Promise.all([
        this.store.readStream(streamId),
        this.runner.streamExists(officeStreamId(officeCode)),
        code ? this.runner.streamExists(lineStreamId(fiscalYear, officeCode, code)) : Promise.resolve(true),
      ]);
      const state = fold(
        evaluationNoteDecider.evolve,
        evaluationNoteDecider.initialState(),
        history.map((e) => ({ data: e.data as unknown as EvaluationNoteData }) as EvaluationNoteRecorded),
      );
      const events = evaluationNoteDecider.decide(
        {
          type: 'RecordEvaluationNote',
          eventId: this.runner.newEventId(),
          year: fiscalYear,
          officeCode,
          period: body.period,
          code: body.code,
          pendorong: body.pendorong,
          penghambat: body.penghambat,
          tindakLanjut: body.tindakLanjut,
          reason: body.reason,
          officeRegistered,
          lineRegistered,
        },
        state,
      );
      return { writes: [{ streamId, events }], versions: { [streamId]: history.length } };
    };
    // The same text as the note in force records nothing: answer with the stream as it is.
    const first = await decide();
    if (first.writes[0].events.length === 0) {
      return { eventIds: [], streamVersions: first.versions, position: 0, replayed: false };
    }
    return this.runner.run(meta, streamId, decide);
  }
}
