import {
  evolveLine,
  fold,
  initialLineState,
  parseChangePagu,
  parseRecordRealisation,
  parseRegisterLine,
  type DomainError,
  type LineEvent,
} from '@renja/domain';
import { seededRandom } from '@renja/domain/testing/seeded-random';
import { WrongExpectedVersionError, type AppendResult, type EventStore, type RecordedEvent, type StreamAppend } from '@renja/event-store';
import { ForbiddenError } from './authorization';
import { COMMAND_ROLES, rolesToCorrect } from './command-roles';
import type { LedgerCommand } from './ledger-command';
import { LedgerPipeline, type DomainEvent } from './ledger-pipeline';
import { lineAddress } from './line-address';
import type { Principal } from './principal';

const planner: Principal = { name: 'Budi (Bappeda)', roles: ['planner'], offices: ['DKUKM'], via: 'token' };
const finance: Principal = { name: 'Siti (BPKAD)', roles: ['finance'], offices: ['DKUKM'], via: 'token' };

const officeRegistered: RecordedEvent = {
  id: '00000000-0000-4000-8000-000000000001',
  streamId: 'office-DKUKM',
  version: 1,
  position: 1,
  type: 'office.registered',
  schemaVersion: 1,
  data: { code: 'DKUKM', name: 'Dinas Koperasi, Usaha Kecil dan Menengah' },
  metadata: { actor: 'admin', correlationId: 'c', causationId: null, effectiveDate: null, legalBasis: null, reason: null },
  recordedAt: '2022-01-03T00:00:00.000000Z',
};

/** Only what the pipeline uses of a store: reads of the office stream, and appends recorded (the first `lost` of them lose a race). */
function fakeStore(lost = 0) {
  const reads: string[][] = [];
  const appends: StreamAppend[][] = [];
  const store = {
    readStreams: (ids: string[]) => {
      reads.push(ids);
      return Promise.resolve(new Map(ids.map((id) => [id, id === 'office-DKUKM' ? [officeRegistered] : []])));
    },
    findByIdempotencyKey: () => Promise.resolve(null),
    appendMany: (batch: StreamAppend[]): Promise<AppendResult> => {
      appends.push(batch);
      if (appends.length <= lost) return Promise.reject(new WrongExpectedVersionError(batch[0].streamId, 0, 1));
      const events = batch.flatMap((a) => a.events.map((e, i) => ({ id: e.id, streamId: a.streamId, version: i + 1, position: 10 + i })));
      return Promise.resolve({
        events,
        streamVersions: Object.fromEntries(batch.map((a) => [a.streamId, a.events.length])),
        firstPosition: 10,
        lastPosition: 9 + events.length,
        replayed: false,
      });
    },
  };
  return { store: store as unknown as EventStore, reads, appends };
}

const line = lineAddress(2022, 'DKUKM', '2.17.07');
const registerLine: LedgerCommand = {
  kind: 'register-line',
  input: parseRegisterLine({ year: 2022, officeCode: 'DKUKM', code: '2.17.07', name: 'Program Pemberdayaan UMKM' }, 'strict'),
};
const defineIndicator: LedgerCommand = {
  kind: 'define-indicator',
  line,
  input: { name: 'Jumlah UMKM yang dibina', unit: 'UMKM', direction: 'higher_is_better' },
};

describe('LedgerPipeline', () => {
  it('decides a batch in order on the states read in one call, and appends it at once with the versions read', async () => {
    const { store, reads, appends } = fakeStore();
    const pipeline = new LedgerPipeline(store, { waitFor: () => Promise.resolve() });
    const problems: unknown[] = [];
    const commands = [registerLine, defineIndicator].map((command) => ({ command, tag: undefined }));
    const batch = await pipeline.decideBatch(planner, commands, (error) => problems.push(error));
    // The indicator's line is registered by the command before it, in the same batch.
    expect(problems).toEqual([]);
    expect(reads).toHaveLength(1);
    expect(new Set(reads[0])).toEqual(new Set([line.streamId, 'office-DKUKM']));
    const written = batch.appends((event) => ({
      id: event.id,
      type: event.type,
      schemaVersion: 1,
      data: {},
      metadata: officeRegistered.metadata,
    }));
    expect(written.map((a) => [a.streamId, a.expectedVersion, a.events.map((e) => e.type)])).toEqual([
      [line.streamId, 0, ['plan-line.registered', 'indicator.defined']],
    ]);
    expect(appends).toHaveLength(0);
  });

  it('collects a problem per command for a batch, and decides the rest', async () => {
    const { store } = fakeStore();
    const pipeline = new LedgerPipeline(store, { waitFor: () => Promise.resolve() });
    const problems: Array<[string, string]> = [];
    const commands = [defineIndicator, registerLine].map((command) => ({ command, tag: command.kind }));
    const batch = await pipeline.decideBatch(planner, commands, (error, tag) =>
      problems.push([tag, error instanceof Error ? error.message : String(error)]),
    );
    expect(problems.map(([tag]) => tag)).toEqual(['define-indicator']);
    expect(batch.hasWrites()).toBe(true);
  });

  it('refuses a command the role table does not allow before anything is read', async () => {
    const { store, reads } = fakeStore();
    const pipeline = new LedgerPipeline(store, { waitFor: () => Promise.resolve() });
    await expect(pipeline.execute({ principal: finance, correlationId: 'c' }, registerLine)).rejects.toBeInstanceOf(ForbiddenError);
    expect(reads).toHaveLength(0);
  });

  it('decides again on fresh state after a lost race, and waits for the read model once, at the position written', async () => {
    const { store, reads, appends } = fakeStore(1);
    const waited: number[] = [];
    const pipeline = new LedgerPipeline(store, { waitFor: (position) => Promise.resolve(void waited.push(position)) });
    const result = await pipeline.execute({ principal: planner, correlationId: 'c' }, registerLine);
    expect([reads.length, appends.length]).toEqual([2, 2]);
    expect(waited).toEqual([result.position]);
    expect(result.eventIds).toHaveLength(1);
  });
});

describe('COMMAND_ROLES', () => {
  it('gives the executable pagu phases to finance and the planning phases to planners, whatever the spelling', () => {
    expect(COMMAND_ROLES['change-pagu']('APBD-P')).toEqual(['finance']);
    expect(COMMAND_ROLES['change-pagu']('RENJA')).toEqual(['planner']);
    expect(COMMAND_ROLES['change-pagu']('?')).toEqual(['planner', 'finance']);
    expect(rolesToCorrect('shift', null)).toEqual(['finance']);
    expect(rolesToCorrect('target', null)).toEqual(['planner']);
  });
});

describe('LedgerBatch: the state the decider folded', () => {
  const admin: Principal = { name: 'import', roles: ['admin', 'finance', 'planner'], offices: '*', via: 'system' };
  const folded = (events: DomainEvent[]) => fold(evolveLine, initialLineState(), events as LineEvent[]);

  it('commits the same line state as folding every pending event, on generated pagu and realisation rows (some refused)', async () => {
    const next = seededRandom(9);
    const batch = await new LedgerPipeline(fakeStore().store, { waitFor: () => Promise.resolve() }).load(admin, [
      line.streamId,
      'office-DKUKM',
    ]);
    batch.apply(registerLine, undefined);
    batch.apply(defineIndicator, undefined);
    const refused = { REALISATION_EXCEEDS_PAGU: 0, PAGU_NEGATIVE: 0 };
    for (let i = 0; i < 300; i++) {
      const date = `2022-${String(1 + Math.floor(next() * 12)).padStart(2, '0')}-${String(1 + Math.floor(next() * 28)).padStart(2, '0')}`;
      const amount = `${Math.floor(next() * 4000) * 1000}.${String(Math.floor(next() * 100)).padStart(2, '0')}`;
      const command: LedgerCommand =
        next() < 0.3
          ? {
              kind: 'change-pagu',
              line,
              input: parseChangePagu(
                {
                  phase: 'APBD',
                  fundingSource: next() < 0.5 ? 'DAU' : 'DAK',
                  delta: next() < 0.4 ? `-${amount}` : amount,
                  effectiveDate: date,
                  reason: 'r',
                  legalBasis: { kind: 'Perda', number: '1', date: '2022-01-01' },
                },
                'lenient',
              ),
            }
          : {
              kind: 'record-realisation',
              line,
              input: parseRecordRealisation({ period: date.slice(0, 7), amount, effectiveDate: date }, 'lenient', 2022),
            };
      try {
        batch.apply(command, undefined);
      } catch (error) {
        const rule = (error as DomainError).rule as keyof typeof refused;
        if (!(rule in refused)) throw error;
        refused[rule]++;
      }
      expect(batch.stream(line.streamId).line).toEqual(folded(batch.stream(line.streamId).pending.map((p) => p.event)));
    }
    expect(Math.min(...Object.values(refused))).toBeGreaterThan(5);
  });

  it('folds again when the state changed between deciding and committing', async () => {
    const batch = await new LedgerPipeline(fakeStore().store, { waitFor: () => Promise.resolve() }).load(admin, [
      line.streamId,
      'office-DKUKM',
    ]);
    batch.apply(registerLine, undefined);
    const first = batch.decide(defineIndicator);
    const second = batch.decide({ ...defineIndicator, input: { ...defineIndicator.input, name: 'Jumlah koperasi' } });
    batch.commit(defineIndicator, first, undefined);
    batch.commit(defineIndicator, second, undefined);
    const state = batch.stream(line.streamId).line;
    expect(state.indicators.map((i) => i.name)).toEqual(['Jumlah UMKM yang dibina', 'Jumlah koperasi']);
    expect(state).toEqual(folded(batch.stream(line.streamId).pending.map((p) => p.event)));
  });
});
