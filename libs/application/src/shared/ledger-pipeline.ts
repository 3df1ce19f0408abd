import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  decideLine,
  decideLineWithState,
  decideShift,
  decideShiftCorrection,
  evaluationNoteDecider,
  evaluationNoteStreamId,
  evolveLine,
  fold,
  initialLineState,
  isLineStream,
  lineStreamId,
  msg,
  notFound,
  officeDecider,
  officeSignatoryDecider,
  officeStreamId,
  statedFigureDecider,
  statedFigureStreamId,
  type EvaluationNoteData,
  type EvaluationNoteRecorded,
  type EvaluationNotesState,
  type LineCommand,
  type LineEvent,
  type OfficeRegistered,
  type OfficeSignatorySet,
  type OfficeSignatoryState,
  type OfficeState,
  type OfficeStreamEvent,
  type PlanLineState,
  type StatedFigureData,
  type StatedFigureRecorded,
  type StatedFiguresState,
} from '@renja/domain';
import {
  WrongExpectedVersionError,
  type AppendOptions,
  type AppendResult,
  type EventStore,
  type NewEvent,
  type RecordedEvent,
  type StreamAppend,
} from '@renja/event-store';
import { toLineEvent, toNewEvent } from '@renja/event-store/event-mapping';
import { authorize } from './authorization';
import type { CommandMetadata, CommandResult } from './command-metadata';
import { IdempotencyConflictError, PreconditionFailedError } from './errors';
import { actionsOf, primaryStreamOf, type LedgerCommand } from './ledger-command';
import type { Principal } from './principal';
import type { ReadModelWaiter } from './read-model-waiter';
import { EVENT_STORE, READ_MODEL_WAITER } from './tokens';

export type DomainEvent = LineEvent | OfficeRegistered | OfficeSignatorySet | StatedFigureRecorded | EvaluationNoteRecorded;

/** One stream as loaded and folded, with the events decided on it and not yet appended (and what asked for each). */
export interface StreamState<Tag = undefined> {
  streamId: string;
  /** The version read: the append expects it. */
  version: number;
  line: PlanLineState;
  office: OfficeState;
  signatory: OfficeSignatoryState;
  stated: StatedFiguresState;
  notes: EvaluationNotesState;
  pending: Array<{ event: DomainEvent; tag: Tag }>;
}

/** What one command decided: events per stream, not yet recorded in the batch. */
export interface CommandDecision {
  writes: Array<{
    streamId: string;
    events: DomainEvent[];
    /** The line state the events were decided on and the one they lead to (folded by the decider): commit takes it. */
    line?: { before: PlanLineState; after: PlanLineState };
  }>;
}

/** How many times a write that lost a race is decided again on fresh state. */
export const WRITE_ATTEMPTS = 3;

function workOf<Tag>(streamId: string, events: RecordedEvent[]): StreamState<Tag> {
  const work: StreamState<Tag> = {
    streamId,
    version: events.at(-1)?.version ?? 0,
    line: initialLineState(),
    office: officeDecider.initialState(),
    signatory: officeSignatoryDecider.initialState(),
    stated: statedFigureDecider.initialState(),
    notes: evaluationNoteDecider.initialState(),
    pending: [],
  };
  if (isLineStream(streamId)) work.line = fold(evolveLine, initialLineState(), events.map(toLineEvent));
  else if (streamId.startsWith('office-')) {
    const stream = events.map((e) => ({ id: e.id, type: e.type, data: e.data }) as unknown as OfficeStreamEvent);
    work.office = stream.reduce((s, e) => (e.type === 'office.registered' ? officeDecider.evolve(s, e) : s), work.office);
    work.signatory = fold(officeSignatoryDecider.evolve, work.signatory, stream);
  } else if (streamId.startsWith('stated-')) work.stated = { figures: events.map((e) => e.data as unknown as StatedFigureData) };
  else if (streamId.startsWith('evaluation-note-')) work.notes = { notes: events.map((e) => e.data as unknown as EvaluationNoteData) };
  return work;
}

/** The streams a command reads (and may write): loaded together, before anything is decided. */
export function streamsOf(command: LedgerCommand): string[] {
  switch (command.kind) {
    case 'register-office':
    case 'set-office-signatory':
      return [primaryStreamOf(command)];
    case 'register-line': {
      const { year, officeCode } = command.input;
      const { code, parentCode } = command.input.code;
      return [
        lineStreamId(year, officeCode, code),
        officeStreamId(officeCode),
        ...(parentCode ? [lineStreamId(year, officeCode, parentCode)] : []),
      ];
    }
    case 'shift-budget':
      return [command.from.streamId, command.to.streamId];
    case 'correct-event':
      return [command.target.streamId, ...(command.target.counterpartStreamId ? [command.target.counterpartStreamId] : [])];
    case 'record-stated-figure':
      return [statedFigureStreamId(command.input.officeCode, command.input.year), officeStreamId(command.input.officeCode)];
    case 'record-evaluation-note': {
      const { year, officeCode, code } = command.input;
      const line = code ? [lineStreamId(year, officeCode, code.code)] : [];
      return [evaluationNoteStreamId(officeCode, year), officeStreamId(officeCode), ...line];
    }
    default:
      return [command.line.streamId];
  }
}

/**
 * The streams of a batch in memory: every command is decided against them in order, so a command sees
 * what the commands before it decided, and its events wait here for the one atomic append.
 */
export class LedgerBatch<Tag = undefined> {
  constructor(
    private readonly streams: Map<string, StreamState<Tag>>,
    /** Whose commands these are: every command that writes is authorized for it. */
    private readonly principal: Principal,
  ) {}

  stream(streamId: string): StreamState<Tag> {
    const work = this.streams.get(streamId);
    if (!work) throw new Error(`ledger batch: stream ${streamId} was not loaded`);
    return work;
  }

  private exists(streamId: string): boolean {
    const work = this.stream(streamId);
    return work.version > 0 || work.pending.length > 0;
  }

  /** Decides one command on the current in-memory states; nothing is recorded (see commit). */
  decide(command: LedgerCommand): CommandDecision {
    const one = (streamId: string, events: DomainEvent[]): CommandDecision => ({ writes: [{ streamId, events }] });
    switch (command.kind) {
      case 'register-office': {
        const [streamId] = streamsOf(command);
        return one(
          streamId,
          officeDecider.decide({ type: 'RegisterOffice', eventId: randomUUID(), ...command.input }, this.stream(streamId).office),
        );
      }
      case 'set-office-signatory': {
        const [streamId] = streamsOf(command);
        const state = this.stream(streamId).signatory;
        return one(streamId, officeSignatoryDecider.decide({ type: 'SetOfficeSignatory', eventId: randomUUID(), ...command.input }, state));
      }
      case 'register-line': {
        const [streamId, office, parent] = streamsOf(command);
        const events = decideLine(
          {
            type: 'RegisterLine',
            eventId: randomUUID(),
            ...command.input,
            officeRegistered: this.exists(office),
            parentRegistered: parent ? Boolean(this.stream(parent).line.line) : true,
          },
          this.stream(streamId).line,
        );
        return one(streamId, events);
      }
      case 'define-indicator':
        return this.onLine(command.line.streamId, { type: 'DefineIndicator', eventId: randomUUID(), ...command.input });
      case 'revise-target':
        return this.onLine(command.line.streamId, { type: 'ReviseTarget', eventId: randomUUID(), ...command.input });
      case 'change-pagu':
        return this.onLine(command.line.streamId, { type: 'ChangePagu', eventId: randomUUID(), ...command.input });
      case 'record-realisation':
        return this.onLine(command.line.streamId, { type: 'RecordRealisation', eventId: randomUUID(), ...command.input });
      case 'record-renstra':
        return this.onLine(command.line.streamId, { type: 'RecordRenstra', eventId: randomUUID(), ...command.input });
      case 'shift-budget':
        return this.shift(command);
      case 'correct-event':
        return this.correct(command);
      case 'record-stated-figure': {
        const [streamId, office] = streamsOf(command);
        const events = statedFigureDecider.decide(
          {
            type: 'RecordStatedFigure',
            eventId: randomUUID(),
            ...command.input,
            officeRegistered: Boolean(this.stream(office).office.code),
          },
          this.stream(streamId).stated,
        );
        return one(streamId, events);
      }
      case 'record-evaluation-note': {
        const [streamId, office, line] = streamsOf(command);
        const events = evaluationNoteDecider.decide(
          {
            type: 'RecordEvaluationNote',
            eventId: randomUUID(),
            ...command.input,
            officeRegistered: this.exists(office),
            lineRegistered: line ? this.exists(line) : true,
          },
          this.stream(streamId).notes,
        );
        return one(streamId, events);
      }
    }
  }

  /** A command on one line: its events, and the state they lead to (the decider folds them once, commit reuses it). */
  private onLine(streamId: string, command: LineCommand): CommandDecision {
    const before = this.stream(streamId).line;
    const decided = decideLineWithState(command, before);
    return { writes: [{ streamId, events: decided.events, line: { before, after: decided.state! } }] };
  }

  private shift(command: Extract<LedgerCommand, { kind: 'shift-budget' }>): CommandDecision {
    const { from, to } = command;
    for (const [line, field] of [
      [from, 'fromCode'],
      [to, 'toCode'],
    ] as const) {
      if (!this.stream(line.streamId).line.line)
        throw notFound(
          'LINE_NOT_REGISTERED',
          msg('LINE_NOT_REGISTERED.in_office', { field, code: line.code, year: from.year, office: from.officeCode }),
          field,
        );
    }
    const legs = decideShift(
      { type: 'ShiftBudget', shiftId: randomUUID(), outEventId: randomUUID(), inEventId: randomUUID(), ...command.input },
      this.stream(from.streamId).line,
      this.stream(to.streamId).line,
    );
    return {
      writes: [
        { streamId: from.streamId, events: legs.out },
        { streamId: to.streamId, events: legs.in },
      ],
    };
  }

  /** A correction of one entry; of a shift, both legs together, so the two lines never disagree about it. */
  private correct(command: Extract<LedgerCommand, { kind: 'correct-event' }>): CommandDecision {
    const work = this.stream(command.target.streamId);
    const entry = work.line.entries.find((e) => e.eventId === command.input.correctedEventId);
    if (entry?.kind === 'shift') {
      const { year, officeCode } = work.line.line!;
      const counterpart = this.stream(lineStreamId(year, officeCode, entry.data.counterpartCode));
      const decided = decideShiftCorrection(
        { type: 'CorrectShift', eventId: randomUUID(), counterpartEventId: randomUUID(), ...command.input },
        work.line,
        counterpart.line,
      );
      return {
        writes: [
          { streamId: work.streamId, events: decided.line },
          { streamId: counterpart.streamId, events: decided.counterpart },
        ],
      };
    }
    return {
      writes: [
        { streamId: work.streamId, events: decideLine({ type: 'CorrectEvent', eventId: randomUUID(), ...command.input }, work.line) },
      ],
    };
  }

  /**
   * Records a decision: the events evolve the in-memory states and wait for the append; then the principal
   * must hold the role for the command in its office (a command that writes nothing is not checked). A
   * refused command throws ForbiddenError with its events still queued: the batch must not be appended.
   */
  commit(command: LedgerCommand, decision: CommandDecision, tag: Tag): void {
    for (const { streamId, events, line } of decision.writes) {
      const work = this.stream(streamId);
      // The state the decider folded from this very state: the same fold, not done twice.
      const folded = line !== undefined && line.before === work.line;
      for (const event of events) {
        if (event.type === 'office.registered') {
          work.office = officeDecider.evolve(work.office, event);
          work.signatory = officeSignatoryDecider.evolve(work.signatory, event);
        } else if (event.type === 'office.signatory-set') work.signatory = officeSignatoryDecider.evolve(work.signatory, event);
        else if (event.type === 'stated-figure.recorded') work.stated = statedFigureDecider.evolve(work.stated, event);
        else if (event.type === 'evaluation-note.recorded') work.notes = evaluationNoteDecider.evolve(work.notes, event);
        else if (!folded) work.line = evolveLine(work.line, event);
        work.pending.push({ event, tag });
      }
      if (folded) work.line = line.after;
    }
    if (decision.writes.some((w) => w.events.length > 0)) authorize(this.principal, ...actionsOf(command));
  }

  /** Decides and records one command; returns what it decided. */
  apply(command: LedgerCommand, tag: Tag): CommandDecision {
    const decision = this.decide(command);
    this.commit(command, decision, tag);
    return decision;
  }

  /** Every stream's events decided so far, each with the version read. */
  appends(toStored: (event: DomainEvent, tag: Tag) => NewEvent): StreamAppend[] {
    return [...this.streams.values()]
      .filter((work) => work.pending.length > 0)
      .map((work) => ({
        streamId: work.streamId,
        expectedVersion: work.version,
        events: work.pending.map(({ event, tag }) => toStored(event, tag)),
      }));
  }

  hasWrites(): boolean {
    return [...this.streams.values()].some((work) => work.pending.length > 0);
  }

  versionOf(streamId: string): number {
    return this.streams.get(streamId)?.version ?? 0;
  }
}

/** What one attempt of a write ends in: an answer without appending, or appends and how to answer once written. */
export type WritePlan<T> =
  | { answer: T }
  | {
      appends: StreamAppend[];
      options?: AppendOptions;
      written: (append: AppendResult) => T;
      /** Lost a race: an answer instead of deciding again (or a throw), or undefined to decide again. */
      lostRace?: (error: WrongExpectedVersionError) => Promise<T | undefined>;
      /** Lost the race WRITE_ATTEMPTS times. */
      gaveUp?: (error: WrongExpectedVersionError) => Error;
    };

/**
 * The one write path. Every write, from every edge, is a batch of ledger commands: the streams they touch
 * are read in one call and folded, the commands decided in order against those in-memory states (each
 * authorized by COMMAND_ROLES), and all their events appended in one appendMany with the versions read.
 * A lost race decides everything again on fresh state; once written, the read model is waited for
 * (read-your-writes) through the ReadModelWaiter port.
 */
@Injectable()
export class LedgerPipeline {
  private readonly logger = new Logger('LedgerPipeline');

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODEL_WAITER) private readonly readModel: ReadModelWaiter,
  ) {}

  /** Reads the streams in one call and folds them: the batch to decide commands on. */
  async load<Tag = undefined>(principal: Principal, streamIds: Iterable<string>): Promise<LedgerBatch<Tag>> {
    const read = await this.store.readStreams([...new Set(streamIds)]);
    return new LedgerBatch(new Map([...read].map(([streamId, events]) => [streamId, workOf<Tag>(streamId, events)])), principal);
  }

  /**
   * Decides a batch of commands in order against loaded states. A command with a problem is reported to
   * `problem` (and leaves the states as they were); without `problem` the first problem is thrown.
   */
  async decideBatch<Tag>(
    principal: Principal,
    commands: Array<{ command: LedgerCommand; tag: Tag }>,
    problem?: (error: unknown, tag: Tag) => void,
  ): Promise<LedgerBatch<Tag>> {
    const batch = await this.load<Tag>(
      principal,
      commands.flatMap(({ command }) => streamsOf(command)),
    );
    for (const { command, tag } of commands) {
      try {
        batch.apply(command, tag);
      } catch (error) {
        if (!problem) throw error;
        problem(error, tag);
      }
    }
    return batch;
  }

  /** Appends what `attempt` plans; a lost race plans again (WRITE_ATTEMPTS in all); once written, read-your-writes. */
  async write<T>(attempt: (n: number) => Promise<WritePlan<T>>): Promise<T> {
    for (let n = 1; ; n++) {
      const plan = await attempt(n);
      if ('answer' in plan) return plan.answer;
      let append: AppendResult;
      try {
        append = await this.store.appendMany(plan.appends, plan.options);
      } catch (error) {
        if (!(error instanceof WrongExpectedVersionError)) throw error;
        if (n >= WRITE_ATTEMPTS) throw plan.gaveUp ? plan.gaveUp(error) : error;
        const answer = await plan.lostRace?.(error);
        if (answer !== undefined) return answer;
        continue;
      }
      // Written: what follows must not turn a written change into a reported failure.
      await this.readYourWrite(append.lastPosition);
      return plan.written(append);
    }
  }

  /**
   * Waits until the read model shows the write, so the client's next read sees it. The write is committed
   * either way: a lagging or failing projection is logged, never reported as a failed write.
   */
  async readYourWrite(position: number): Promise<void> {
    try {
      await this.readModel.waitFor(position);
    } catch (error) {
      this.logger.warn(`read model behind position ${position}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /**
   * One command of a request (HTTP, command line): authorized first, then — with an Idempotency-Key — the
   * stored result of an earlier request with that key (or 422 for a different body); with If-Match, 412 for
   * a stale version; then decided and appended as a batch of one. A command that decides to record nothing
   * (the same text as the note in force) answers with the streams as they are.
   */
  async execute(meta: CommandMetadata, command: LedgerCommand): Promise<CommandResult> {
    const { principal } = meta;
    authorize(principal, ...actionsOf(command));
    const primary = primaryStreamOf(command);
    const key = meta.idempotencyKey ? JSON.stringify([principal.name, meta.idempotencyKey]) : undefined;
    return this.write<CommandResult>(async (n) => {
      let batch: LedgerBatch | undefined;
      let problem: unknown;
      try {
        batch = await this.decideBatch(principal, [{ command, tag: undefined }]);
      } catch (error) {
        problem = error;
      }
      if (batch && !batch.hasWrites())
        return { answer: { eventIds: [], streamVersions: { [primary]: batch.versionOf(primary) }, position: 0, replayed: false } };
      if (key && n === 1) {
        // Keys are scoped to the token holder: two clients may pick the same key independently.
        const earlier = await this.store.findByIdempotencyKey(key);
        if (earlier) {
          if (earlier.requestHash && meta.requestHash && earlier.requestHash !== meta.requestHash)
            throw new IdempotencyConflictError(meta.idempotencyKey!);
          await this.readYourWrite(earlier.lastPosition);
          return { answer: toResult({ ...earlier, replayed: true }) };
        }
      }
      if (!batch) throw problem;
      const actual = batch.versionOf(primary);
      if (meta.expectedVersion !== undefined && meta.expectedVersion !== actual)
        throw new PreconditionFailedError(primary, meta.expectedVersion, actual);
      return {
        appends: batch.appends((event) =>
          toNewEvent(event, { actor: principal.name, correlationId: meta.correlationId, causationId: meta.causationId }),
        ),
        options: { idempotencyKey: key, requestHash: meta.requestHash },
        written: toResult,
        lostRace: async (error) => {
          if (meta.expectedVersion !== undefined) throw new PreconditionFailedError(primary, meta.expectedVersion, error.actual);
          return undefined;
        },
      };
    });
  }
}

function toResult(append: AppendResult): CommandResult {
  return {
    eventIds: append.events.map((e) => e.id),
    streamVersions: append.streamVersions,
    position: append.lastPosition,
    replayed: append.replayed,
  };
}
