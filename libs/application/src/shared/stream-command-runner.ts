import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  evolveLine,
  fold,
  initialLineState,
  type EvaluationNoteRecorded,
  type LineEvent,
  type OfficeRegistered,
  type OfficeSignatorySet,
  type PlanLineState,
} from '@renja/domain';
import { WrongExpectedVersionError, type AppendResult, type EventStore } from '@renja/event-store';
import { toLineEvent, toNewEvent } from '@renja/event-store/event-mapping';
import type { Projector } from '@renja/projections';
import type { CommandMetadata, CommandResult } from './command-metadata';
import { IdempotencyConflictError, PreconditionFailedError } from './errors';
import { EVENT_STORE, PLAN_PROJECTOR } from './tokens';

export interface LoadedLine {
  streamId: string;
  state: PlanLineState;
  version: number;
}

export interface StreamWrite {
  streamId: string;
  events: Array<LineEvent | OfficeRegistered | OfficeSignatorySet | EvaluationNoteRecorded>;
}

/** How many times a write that lost a race (without If-Match) is decided again on fresh state. */
const RETRIES = 3;

/**
 * The whole life of a command: idempotency check, load and fold the streams, decide, append with the
 * versions that were read, then wait until the read model shows the write (read-your-writes).
 */
@Injectable()
export class StreamCommandRunner {
  private readonly logger = new Logger('StreamCommandRunner');

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PLAN_PROJECTOR) private readonly projector: Projector,
  ) {}

  newEventId(): string {
    return randomUUID();
  }

  async loadLine(streamId: string): Promise<LoadedLine> {
    const events = await this.store.readStream(streamId);
    return {
      streamId,
      state: fold(evolveLine, initialLineState(), events.map(toLineEvent)),
      version: events.length ? events[events.length - 1].version : 0,
    };
  }

  streamExists(streamId: string): Promise<boolean> {
    return this.store.streamVersion(streamId).then((v) => v > 0);
  }

  /**
   * Waits until the read model shows the write, so the client's next read sees it. The write is
   * committed either way: a lagging or failing projection is logged, never reported as a failed write.
   */
  private async readYourWrite(position: number): Promise<void> {
    try {
      await this.projector.waitFor(position);
    } catch (error) {
      this.logger.warn(`read model behind position ${position}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private scopedKey(meta: CommandMetadata): string | undefined {
    // Keys are scoped to the token holder: two clients may pick the same key independently.
    return meta.idempotencyKey ? JSON.stringify([meta.principal.name, meta.idempotencyKey]) : undefined;
  }

  private toResult(append: AppendResult): CommandResult {
    return {
      eventIds: append.events.map((e) => e.id),
      streamVersions: append.streamVersions,
      position: append.lastPosition,
      replayed: append.replayed,
    };
  }

  /**
   * Runs `decide` on freshly loaded streams and appends what it returns. `primary` is the stream the
   * client's If-Match refers to. `decide` receives the versions it loaded and returns the writes.
   */
  async run(
    meta: CommandMetadata,
    primary: string,
    decide: () => Promise<{ writes: StreamWrite[]; versions: Record<string, number> }>,
  ): Promise<CommandResult> {
    const key = this.scopedKey(meta);
    if (key) {
      const earlier = await this.store.findByIdempotencyKey(key);
      if (earlier) {
        if (earlier.requestHash && meta.requestHash && earlier.requestHash !== meta.requestHash)
          throw new IdempotencyConflictError(meta.idempotencyKey!);
        await this.readYourWrite(earlier.lastPosition);
        return this.toResult({ ...earlier, replayed: true });
      }
    }
    for (let attempt = 1; ; attempt++) {
      const { writes, versions } = await decide();
      const actual = versions[primary] ?? 0;
      if (meta.expectedVersion !== undefined && meta.expectedVersion !== actual) {
        throw new PreconditionFailedError(primary, meta.expectedVersion, actual);
      }
      try {
        const append = await this.store.appendMany(
          writes.map((w) => ({
            streamId: w.streamId,
            expectedVersion: versions[w.streamId] ?? 0,
            events: w.events.map((e) =>
              toNewEvent(e, { actor: meta.principal.name, correlationId: meta.correlationId, causationId: meta.causationId }),
            ),
          })),
          { idempotencyKey: key, requestHash: meta.requestHash },
        );
        await this.readYourWrite(append.lastPosition);
        return this.toResult(append);
      } catch (error) {
        const lostRace = error instanceof WrongExpectedVersionError;
        if (!lostRace || attempt >= RETRIES) throw error;
        if (meta.expectedVersion !== undefined) throw new PreconditionFailedError(primary, meta.expectedVersion, error.actual);
      }
    }
  }
}
