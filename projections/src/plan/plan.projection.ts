import { In, type EntityManager } from 'typeorm';
import {
  evolveLine,
  initialLineState,
  isLineEventType,
  isLineStream,
  OFFICE_EVENT_TYPES,
  OFFICE_SIGNATORY_SET,
  type PlanLineState,
} from '@renja/domain';
import type { RecordedEvent } from '@renja/event-store';
import { toLineEvent } from '@renja/event-store/event-mapping';
import type { BuiltBeside, Projection, RebuildOptions } from '../shared/projection';
import { ShadowTables } from '../shared/shadow-tables';
import { PLAN_KEYS_IN_ORDER, PLAN_TABLES, PlanRebuild } from './plan.rebuild';
import { historyRows, paguRows, planLineRow } from './plan-line.rows';
import { LineHistoryView, LinePaguView, OfficeView, PlanLineView } from './plan.entities';

/** The plan: offices, lines with pagu per phase and source, realisation, indicators, revision history. */
export class PlanProjection implements Projection {
  readonly name = 'plan';

  async apply(manager: EntityManager, events: RecordedEvent[]): Promise<void> {
    await this.applyOffices(
      manager,
      events.filter((e) => e.type === OFFICE_EVENT_TYPES.registered),
    );
    await this.applySignatories(
      manager,
      events.filter((e) => e.type === OFFICE_SIGNATORY_SET),
    );
    await this.applyLines(
      manager,
      events.filter((e) => isLineStream(e.streamId) && isLineEventType(e.type)),
    );
  }

  async reset(manager: EntityManager): Promise<void> {
    await manager.query('TRUNCATE rm_offices, rm_plan_lines, rm_line_pagu, rm_line_history');
  }

  rebuild(manager: EntityManager, options: RebuildOptions): Promise<void> {
    // Only after reset's TRUNCATE in the same transaction (Projector.rebuild): the rows can be written frozen.
    return new PlanRebuild(manager, undefined, { fresh: true }).run(options);
  }

  async buildBeside(manager: EntityManager, options: RebuildOptions): Promise<BuiltBeside | null> {
    const shadow = new ShadowTables(manager, PLAN_TABLES, PLAN_KEYS_IN_ORDER);
    if (!(await shadow.possible())) return null;
    await shadow.create();
    await new PlanRebuild(manager, shadow.nameOf, { fresh: true }).load(options); // copies created in this transaction
    await shadow.index();
    return { switchOver: () => shadow.switchOver() };
  }

  private async applyOffices(manager: EntityManager, events: RecordedEvent[]): Promise<void> {
    if (events.length === 0) return;
    const rows = events.map((e) =>
      Object.assign(new OfficeView(), {
        code: String(e.data.code),
        name: String(e.data.name),
        registeredAt: e.recordedAt,
        registeredBy: e.metadata.actor,
        lastPosition: e.position,
      }),
    );
    await manager.createQueryBuilder().insert().into(OfficeView).values(rows).orIgnore().execute();
  }

  /** The latest signatory of each office; a row remembers its position, so a replay changes nothing. */
  private async applySignatories(manager: EntityManager, events: RecordedEvent[]): Promise<void> {
    for (const e of events) {
      const code = e.streamId.slice('office-'.length);
      await manager.query('UPDATE rm_offices SET signatory = $2, last_position = $3 WHERE code = $1 AND last_position < $3', [
        code,
        JSON.stringify(e.data),
        e.position,
      ]);
    }
  }

  private async applyLines(manager: EntityManager, events: RecordedEvent[]): Promise<void> {
    if (events.length === 0) return;
    const streamIds = [...new Set(events.map((e) => e.streamId))];
    const existing = await manager.find(PlanLineView, {
      select: { streamId: true, state: true, lastPosition: true },
      where: { streamId: In(streamIds) },
    });
    const states = new Map<string, { state: PlanLineState; lastPosition: number }>(
      existing.map((row) => [row.streamId, { state: row.state, lastPosition: row.lastPosition }]),
    );
    const history: LineHistoryView[] = [];
    const touched = new Set<string>();
    for (const recorded of events) {
      const current = states.get(recorded.streamId) ?? { state: initialLineState(), lastPosition: 0 };
      if (recorded.position <= current.lastPosition) continue; // already applied: replays are harmless
      const event = toLineEvent(recorded);
      const next = evolveLine(current.state, event);
      history.push(...historyRows(recorded.streamId, event, current.state, next));
      states.set(recorded.streamId, { state: next, lastPosition: recorded.position });
      touched.add(recorded.streamId);
    }
    if (touched.size === 0) return;
    const ids = [...touched];
    const lines = ids.map((id) => planLineRow(id, states.get(id)!.state, states.get(id)!.lastPosition));
    for (let i = 0; i < lines.length; i += 500) await manager.upsert(PlanLineView, lines.slice(i, i + 500), ['streamId']);
    await manager.delete(LinePaguView, { streamId: In(ids) });
    const pagu = ids.flatMap((id) => paguRows(id, states.get(id)!.state));
    for (let i = 0; i < pagu.length; i += 1000) await manager.insert(LinePaguView, pagu.slice(i, i + 1000));
    for (let i = 0; i < history.length; i += 1000) {
      await manager
        .createQueryBuilder()
        .insert()
        .into(LineHistoryView)
        .values(history.slice(i, i + 1000))
        .orIgnore()
        .execute();
    }
  }
}
