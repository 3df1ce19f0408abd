import Decimal from 'decimal.js';
import { Column, Entity, Index, PrimaryColumn, Unique } from 'typeorm';
import type { OfficeSignatoryData, PlanLineState } from '@renja/domain';
import type { StoredLineMovements, StoredLineSteps, StoredLineView } from '../reports/shared/line-view';
import type { LineFigures } from './line-figures';
import { decimalTransformer } from '../shared/decimal.transformer';

const money = { type: 'numeric' as const, transformer: decimalTransformer };
const bigintNumber = { to: (v: number) => v, from: (v: string) => Number(v) };

@Entity({ name: 'rm_offices' })
export class OfficeView {
  @PrimaryColumn('text') code: string;
  @Column('text') name: string;
  @Column('text', { name: 'registered_at' }) registeredAt: string;
  @Column('text', { name: 'registered_by' }) registeredBy: string;
  @Column('bigint', { name: 'last_position', transformer: bigintNumber }) lastPosition: number;
  /** Who signs the office's papers: the latest office.signatory-set, or null while none is recorded. */
  @Column('json', { nullable: true }) signatory: OfficeSignatoryData | null;
}

/** One plan line with its figures now (full knowledge); `state` lets reads fold any as-of view without a replay. */
@Entity({ name: 'rm_plan_lines' })
@Unique('rm_plan_lines_year_office_code_code_key', ['year', 'officeCode', 'code'])
export class PlanLineView {
  @PrimaryColumn('text', { name: 'stream_id' }) streamId: string;
  @Column('int') year: number;
  @Column('text', { name: 'office_code' }) officeCode: string;
  @Column('text') code: string;
  @Column('text') level: string;
  @Column('text', { name: 'parent_code', nullable: true }) parentCode: string | null;
  @Column('text') name: string;
  @Column('int') version: number;
  @Column('text', { name: 'current_phase', nullable: true }) currentPhase: string | null;
  @Column({ ...money, name: 'current_pagu' }) currentPagu: Decimal;
  @Column({ ...money, name: 'original_pagu', nullable: true }) originalPagu: Decimal | null;
  @Column({ ...money, name: 'executable_pagu' }) executablePagu: Decimal;
  @Column({ ...money, name: 'realised' }) realised: Decimal;
  @Column('json') state: PlanLineState;
  /** STORED_VIEWS_VERSION of the four stored views below (null on rows written before they existed). */
  @Column('int', { name: 'views_version', nullable: true }) viewsVersion: number | null;
  /** lineFigures of the full-knowledge view. */
  @Column('json', { name: 'plan_figures', nullable: true }) planFigures: LineFigures | null;
  /** What the reports derive from the line, full-knowledge view. */
  @Column('json', { name: 'report_view', nullable: true }) reportView: StoredLineView | null;
  @Column('json', { name: 'report_movements', nullable: true }) reportMovements: StoredLineMovements | null;
  @Column('json', { name: 'report_steps', nullable: true }) reportSteps: StoredLineSteps | null;
  @Column('bigint', { name: 'last_position', transformer: bigintNumber }) lastPosition: number;
}

@Entity({ name: 'rm_line_pagu' })
export class LinePaguView {
  @PrimaryColumn('text', { name: 'stream_id' }) streamId: string;
  @PrimaryColumn('text') phase: string;
  @PrimaryColumn('text', { name: 'funding_source' }) fundingSource: string;
  @Column(money) amount: Decimal;
}

/** One figure changed by one event: the revision history an inspector reads. */
@Entity({ name: 'rm_line_history' })
@Index('rm_line_history_stream', ['streamId', 'position'])
@Index('rm_line_history_corrects', ['correctsEventId'], { where: 'corrects_event_id IS NOT NULL' })
export class LineHistoryView {
  @PrimaryColumn('bigint', { transformer: bigintNumber }) position: number;
  @PrimaryColumn('int') seq: number;
  @Column('text', { name: 'stream_id' }) streamId: string;
  @Column('uuid', { name: 'event_id' }) eventId: string;
  @Column('text', { name: 'event_type' }) eventType: string;
  @Column('text', { name: 'recorded_at' }) recordedAt: string;
  @Column('date', { name: 'effective_date', nullable: true }) effectiveDate: string | null;
  @Column('text') actor: string;
  @Column('text', { nullable: true }) figure: string | null;
  @Column('text', { name: 'from_value', nullable: true }) fromValue: string | null;
  @Column('text', { name: 'to_value', nullable: true }) toValue: string | null;
  @Column('text', { nullable: true }) reason: string | null;
  @Column('jsonb', { name: 'legal_basis', nullable: true }) legalBasis: { kind: string; number: string; date: string } | null;
  @Column('uuid', { name: 'corrects_event_id', nullable: true }) correctsEventId: string | null;
}
