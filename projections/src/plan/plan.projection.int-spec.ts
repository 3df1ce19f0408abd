import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { DataSource, type EntityManager } from 'typeorm';
import {
  decideLine,
  evolveLine,
  fold,
  initialLineState,
  lineStreamId,
  officeDecider,
  officeStreamId,
  parsePlanCode,
  type LineCommand,
  type LineEvent,
  parseChangePagu,
  parseRecordRealisation,
} from '@renja/domain';
import { eventStoreMigrations, PostgresEventStore, type RecordedEvent } from '@renja/event-store';
import { authMigrations } from '@renja/infrastructure/auth/token-store';
import { toLineEvent, toNewEvent } from '@renja/event-store/event-mapping';
import { runMigrations } from '@renja/infrastructure/database/migrations';
import { createTestDatabase, type TestDatabase } from '@renja/infrastructure/testing/test-database';
import { projectionMigrations } from '../migrations';
import { readModelEntities } from '../read-model-entities';
import { Projector } from '../shared/projector';
import type { Projection } from '../shared/projection';
import { PlanProjection } from './plan.projection';

const context = { actor: 'planner', correlationId: 'c-1' };
const perda = { kind: 'Perda', number: '10 Tahun 2021', date: '2021-12-30' };

describe('PlanProjection against the PostgreSQL event store', () => {
  let db: TestDatabase;
  let pool: Pool;
  let store: PostgresEventStore;
  let dataSource: DataSource;

  async function write(year: number, office: string, code: string, command: (id: string) => LineCommand): Promise<void> {
    const streamId = lineStreamId(year, office, code);
    const history = await store.readStream(streamId);
    const state = fold(evolveLine, initialLineState(), history.map(toLineEvent));
    const events: LineEvent[] = decideLine(command(randomUUID()), state);
    await store.append(
      streamId,
      history.length,
      events.map((e) => toNewEvent(e, context)),
    );
  }

  const rows = async (sql: string) => (await pool.query(sql)).rows;

  beforeAll(async () => {
    db = await createTestDatabase('proj');
    pool = new Pool({ connectionString: db.url, max: 5 });
    await runMigrations(pool, [...eventStoreMigrations, ...authMigrations, ...projectionMigrations]);
    store = new PostgresEventStore(pool);
    dataSource = await new DataSource({ type: 'postgres', url: db.url, entities: readModelEntities }).initialize();
    const office = officeDecider.decide(
      { type: 'RegisterOffice', eventId: randomUUID(), code: 'DKUKM', name: 'Dinas KUKM' },
      officeDecider.initialState(),
    );
    await store.append(
      officeStreamId('DKUKM'),
      'no_stream',
      office.map((e) => toNewEvent(e, context)),
    );
    for (const [code, parent] of [
      ['2.17.07', true],
      ['2.17.07.1.01', true],
      ['2.17.07.1.01.0001', true],
    ] as const) {
      await write(2022, 'DKUKM', code, (eventId) => ({
        type: 'RegisterLine',
        eventId,
        year: 2022,
        officeCode: 'DKUKM',
        code: parsePlanCode(code),
        name: code,
        officeRegistered: true,
        parentRegistered: parent,
      }));
    }
    await write(2022, 'DKUKM', '2.17.07.1.01.0001', (eventId) => ({
      type: 'ChangePagu',
      eventId,
      ...parseChangePagu(
        {
          phase: 'APBD',
          fundingSource: 'DAU',
          amount: '653027794.00',
          reason: 'APBD murni',
          legalBasis: perda,
          effectiveDate: '2022-01-03',
        },
        'strict',
      ),
    }));
    await write(2022, 'DKUKM', '2.17.07.1.01.0001', (eventId) => ({
      type: 'RecordRealisation',
      eventId,
      ...parseRecordRealisation(
        {
          period: '2022-Q1',
          amount: '95000000.00',
        },
        'strict',
        2022,
      ),
    }));
  });

  afterAll(async () => {
    await store.close();
    await dataSource.destroy();
    await pool.end();
    await db.drop();
  });

  it('projects the plan line, its pagu per phase and source, and one history row per changed figure', async () => {
    const projector = new Projector(dataSource, store, new PlanProjection(), { batchSize: 2 });
    await projector.catchUp();
    expect(await projector.position()).toBe(await store.headPosition());
    expect(
      await rows(
        `SELECT code, current_phase, current_pagu::text, original_pagu::text, realised::text, version FROM rm_plan_lines WHERE code = '2.17.07.1.01.0001'`,
      ),
    ).toEqual([
      {
        code: '2.17.07.1.01.0001',
        current_phase: 'APBD',
        current_pagu: '653027794.00',
        original_pagu: '653027794.00',
        realised: '95000000.00',
        version: 3,
      },
    ]);
    expect(await rows('SELECT phase, funding_source, amount::text FROM rm_line_pagu')).toEqual([
      { phase: 'APBD', funding_source: 'DAU', amount: '653027794.00' },
    ]);
    expect(
      await rows(
        `SELECT event_type, figure, from_value, to_value, actor FROM rm_line_history WHERE stream_id LIKE '%0001' ORDER BY position, seq`,
      ),
    ).toEqual([
      {
        event_type: 'plan-line.registered',
        figure: 'line',
        from_value: null,
        to_value: '2.17.07.1.01.0001 2.17.07.1.01.0001',
        actor: 'planner',
      },
      { event_type: 'pagu.changed', figure: 'pagu.APBD.DAU', from_value: null, to_value: '653027794.00', actor: 'planner' },
      { event_type: 'pagu.changed', figure: 'pagu.current', from_value: null, to_value: '653027794.00', actor: 'planner' },
      { event_type: 'realisation.recorded', figure: 'realisation.cumulative', from_value: null, to_value: '95000000.00', actor: 'planner' },
      { event_type: 'realisation.recorded', figure: 'realisation.Q1', from_value: null, to_value: '95000000.00', actor: 'planner' },
    ]);
  });

  it('applies a batch twice without changing anything (per-row last position)', async () => {
    const before = await rows('SELECT t::text FROM rm_plan_lines t ORDER BY 1');
    const all = await store.readAll({ after: 0 });
    await dataSource.transaction((m) => new PlanProjection().apply(m, all));
    expect(await rows('SELECT t::text FROM rm_plan_lines t ORDER BY 1')).toEqual(before);
    expect(Number((await rows('SELECT count(*) AS n FROM rm_line_history'))[0].n)).toBe(7);
  });

  it('writes rows and checkpoint in one transaction: a failing batch leaves both as they were', async () => {
    await write(2022, 'DKUKM', '2.17.07.1.01.0001', (eventId) => ({
      type: 'RecordRealisation',
      eventId,
      ...parseRecordRealisation(
        {
          period: '2022-Q2',
          amount: '1.00',
        },
        'strict',
        2022,
      ),
    }));
    const failing: Projection = {
      name: 'plan',
      apply: async (m: EntityManager, events: RecordedEvent[]) => {
        await new PlanProjection().apply(m, events);
        throw new Error('crash after writing rows');
      },
      reset: (m) => new PlanProjection().reset(m),
    };
    const position = await new Projector(dataSource, store, new PlanProjection()).position();
    await expect(new Projector(dataSource, store, failing).catchUp()).rejects.toThrow('crash after writing rows');
    expect(await new Projector(dataSource, store, new PlanProjection()).position()).toBe(position);
    expect(await rows(`SELECT realised::text FROM rm_plan_lines WHERE code = '2.17.07.1.01.0001'`)).toEqual([{ realised: '95000000.00' }]);
    await new Projector(dataSource, store, new PlanProjection()).catchUp();
    expect(await rows(`SELECT realised::text FROM rm_plan_lines WHERE code = '2.17.07.1.01.0001'`)).toEqual([{ realised: '95000001.00' }]);
  });

  it('rebuilds from zero to the same rows', async () => {
    const snapshot = async () => ({
      lines: await rows('SELECT t::text FROM rm_plan_lines t ORDER BY 1'),
      pagu: await rows('SELECT t::text FROM rm_line_pagu t ORDER BY 1'),
      history: await rows('SELECT t::text FROM rm_line_history t ORDER BY 1'),
      offices: await rows('SELECT t::text FROM rm_offices t ORDER BY 1'),
    });
    const before = await snapshot();
    const progress: number[] = [];
    await new Projector(dataSource, store, new PlanProjection(), { batchSize: 3 }).rebuild((done) => progress.push(done));
    expect(await snapshot()).toEqual(before);
    // Progress after each batch, one FETCH of whole streams: first one stream (the office's one event: its id sorts
    // first), then as many as held about 3 events in the one before (the line's 6).
    expect(progress).toEqual([1, 7]);
  });

  it('rebuilds text that COPY must escape (tabs, newlines, backslashes, quotes, non-ASCII) to the same rows', async () => {
    const awkward = 'Geser\tke DID\nbaris 2\r\\ "kutip" \\N ☃ Rp 1.000,00';
    await write(2022, 'DKUKM', '2.17.07.1.01.0001', (eventId) => ({
      type: 'ChangePagu',
      eventId,
      ...parseChangePagu(
        {
          phase: 'APBD_P',
          fundingSource: 'DID',
          amount: '1000.00',
          reason: awkward,
          legalBasis: { kind: 'Perda', number: awkward, date: '2022-09-30' },
          effectiveDate: '2022-09-30',
        },
        'strict',
      ),
    }));
    await new Projector(dataSource, store, new PlanProjection()).catchUp();
    const snapshot = async () => ({
      lines: await rows('SELECT t::text FROM rm_plan_lines t ORDER BY 1'),
      pagu: await rows('SELECT t::text FROM rm_line_pagu t ORDER BY 1'),
      history: await rows('SELECT t::text FROM rm_line_history t ORDER BY 1'),
      offices: await rows('SELECT t::text FROM rm_offices t ORDER BY 1'),
    });
    const live = await snapshot();
    await new Projector(dataSource, store, new PlanProjection(), { batchSize: 2 }).rebuild();
    expect(await snapshot()).toEqual(live);
    expect(
      await rows(`SELECT DISTINCT reason, legal_basis->>'number' AS number FROM rm_line_history WHERE figure LIKE 'pagu.APBD_P.DID'`),
    ).toEqual([{ reason: awkward, number: awkward }]);
  });

  it('keeps totals beyond 10^18 exact (many funding sources at the largest amount)', async () => {
    for (let i = 0; i < 120; i++) {
      await write(2022, 'DKUKM', '2.17.07', (eventId) => ({
        type: 'ChangePagu',
        eventId,
        ...parseChangePagu(
          {
            phase: 'RKPD',
            fundingSource: `SRC${i}`,
            amount: '9999999999999999.99',
            reason: null,
            legalBasis: null,
            effectiveDate: '2022-01-03',
          },
          'strict',
        ),
      }));
    }
    await new Projector(dataSource, store, new PlanProjection()).catchUp();
    expect(await rows(`SELECT current_pagu::text FROM rm_plan_lines WHERE code = '2.17.07'`)).toEqual([
      { current_pagu: '1199999999999999998.80' },
    ]);
  });
});
