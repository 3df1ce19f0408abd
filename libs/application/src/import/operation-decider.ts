import {
  DomainError,
  lineStreamId,
  parseIndicatorDefinition,
  parseRecordRenstra,
  parseRecordStatedFigure,
  parseRegisterLine,
  parseRegisterOffice,
  parseReviseTarget,
  Money,
  officeStreamId,
  parseChangePagu,
  parsePeriod,
  parseRecordRealisation,
  parseShiftBudget,
  requireLine,
  type LineEntry,
  type PlanLineState,
} from '@renja/domain';
import { ForbiddenError } from '../shared/authorization';
import type { LedgerCommand } from '../shared/ledger-command';
import type { CommandDecision, LedgerBatch, StreamState } from '../shared/ledger-pipeline';
import { lineAddress, type LineAddress } from '../shared/line-address';
import { decideCorrectionRow } from './correction-decider';
import { renstraUnchanged, RENSTRA_COLUMNS } from './renstra-rows';
import type { ImportOperation, RowRef } from './import-rows';
import type { Problems, TableCounts } from './import-types';
import { lineWarnings, LineViews } from './plausibility';
import { officeUnknownMessage, OFFICE_UNKNOWN } from './office-scope';

/** The import column a domain error's field is about, per kind of operation. */
const COMMON_COLUMNS: Record<string, string> = {
  year: 'Tahun',
  office: 'Perangkat Daerah',
  code: 'Kode',
  unit: 'Satuan',
  direction: 'Arah',
  indicator: 'Indikator',
  reason: 'Alasan',
  effectiveDate: 'Tanggal Berlaku',
  legalBasis: 'Jenis Dasar Hukum',
  'legalBasis.kind': 'Jenis Dasar Hukum',
  'legalBasis.number': 'Nomor Dasar Hukum',
  'legalBasis.date': 'Tanggal Dasar Hukum',
  phase: 'Tahapan',
  fundingSource: 'Sumber Dana',
  delta: 'Perubahan',
  period: 'Periode',
  fromCode: 'Dari Kode',
  toCode: 'Ke Kode',
  label: 'Uraian',
  measure: 'Besaran',
  source: 'Sumber',
  note: 'Keterangan',
};
const KIND_COLUMNS: Record<ImportOperation['kind'], Record<string, string>> = {
  office: { code: 'Kode Perangkat Daerah', name: 'Nama Perangkat Daerah' },
  line: { name: 'Program/Kegiatan/Sub Kegiatan' },
  indicator: { name: 'Indikator' },
  target: { value: 'Target' },
  pagu: { amount: 'Pagu' },
  shift: { amount: 'Jumlah' },
  realisation: { amount: 'Realisasi', value: 'Realisasi Kinerja' },
  stated: { value: 'Nilai' },
  renstra: RENSTRA_COLUMNS,
  correction: {},
};

export function columnFor(kind: ImportOperation['kind'], field: string | undefined): string | null {
  if (!field) return null;
  const key = field.replace(/^outputs\[\d+\]\./, '');
  if (key !== field) return key === 'indicator' ? 'Indikator' : 'Realisasi Kinerja';
  return KIND_COLUMNS[kind][key] ?? COMMON_COLUMNS[key] ?? null;
}

const sameAmount = (a: string | null, b: string | null) => (a === null || b === null ? a === b : new Money(a).equals(b));
const active = (entry: LineEntry) => !entry.supersededBy;

/**
 * Turns the operations of an import into ledger commands, in order, and has the write pipeline's batch
 * decide each against the in-memory stream states (the API's deciders and role table), so a row sees what
 * the rows before it did. What is already in the ledger is not recorded twice: the same line, indicator,
 * target, pagu, shift, realisation or stated figure counts as unchanged.
 */
export class OperationDecider {
  constructor(
    private readonly batch: LedgerBatch<RowRef>,
    private readonly problems: Problems,
    private readonly tables: TableCounts,
    /** Implausible but possible figures of rows that record something, for the user to confirm. */
    private readonly warnings: Problems,
  ) {}

  /** What the plausibility warnings of a line's earlier rows summed up, for its next rows. */
  private readonly lineViews = new LineViews();

  /** Addresses of lines already validated in this import: every row of a line gets the same one (read-only). */
  private readonly addresses = new Map<string, LineAddress>();

  /** lineAddress, once per line: a line has many rows. An invalid address throws each time, as before. */
  private addressOf(year: number, office: string, code: string): LineAddress {
    const key = `${year}|${office}|${code}`;
    let address = this.addresses.get(key);
    if (!address) {
      address = lineAddress(year, office, code);
      this.addresses.set(key, address);
    }
    return address;
  }

  private stream(id: string): StreamState<RowRef> {
    return this.batch.stream(id);
  }

  /** Records a command's decision (deciding it unless given): authorized, evolved, queued for the append, counted. */
  private record(op: ImportOperation, command: LedgerCommand, decision: CommandDecision = this.batch.decide(command)): void {
    const events = decision.writes.reduce((n, w) => n + w.events.length, 0);
    this.tables[op.at.table].events += events;
    try {
      this.batch.commit(command, decision, op.at);
    } catch (error) {
      if (!(error instanceof ForbiddenError)) throw error;
      // The same policy as every API command: the importing principal must hold the role for each change it
      // records, in its office; each event refused is listed (a shift's two legs twice).
      const { file, table, row } = op.at;
      for (let i = 0; i < events; i++) this.problems.add({ file, table, row, rule: 'FORBIDDEN', message: error.message });
    }
  }

  private problem(op: ImportOperation, column: string | null, rule: string, message: string): void {
    const at = op.at;
    const rows = op.kind === 'realisation' && op.rows.length > 1 ? ` (rows ${op.rows.join(', ')})` : '';
    this.problems.add({
      file: at.file,
      table: at.table,
      row: at.row,
      column,
      value: column ? (at.cells.get(column)?.text ?? null) : null,
      rule,
      message: `${message}${rows}`,
    });
  }

  private unchanged(op: ImportOperation): void {
    this.tables[op.at.table].unchanged++;
  }

  apply(op: ImportOperation): void {
    // A row about an office the ledger does not know gets the same answer as one outside the user's
    // offices (import-service.ts): a typo and someone else's office are told apart by nobody.
    if (op.kind !== 'office' && op.kind !== 'correction' && !this.stream(officeStreamId(op.office)).office.code) {
      const written = op.at.cells.get('Perangkat Daerah')?.text.trim() ?? op.office;
      return this.problem(op, 'Perangkat Daerah', OFFICE_UNKNOWN, officeUnknownMessage(written));
    }
    try {
      this.decide(op);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      this.problem(op, columnFor(op.kind, error.field), error.rule, error.messageIn('id'));
    }
  }

  private decide(op: ImportOperation): void {
    switch (op.kind) {
      case 'office':
        return this.office(op);
      case 'line':
        return this.line(op);
      case 'shift':
        return this.shift(op);
      case 'stated':
        return this.stated(op);
      case 'correction':
        return decideCorrectionRow(op, {
          stream: (id) => this.stream(id),
          problem: (column, rule, message) => this.problem(op, column, rule, message),
          unchanged: () => this.unchanged(op),
          decide: (command) => this.batch.decide(command),
          record: (command, decision) => this.record(op, command, decision),
        });
      default:
        return this.lineChange(op);
    }
  }

  private office(op: Extract<ImportOperation, { kind: 'office' }>): void {
    const work = this.stream(officeStreamId(op.code));
    if (work.office.code) {
      if (work.office.name === op.name) return this.unchanged(op);
      return this.problem(
        op,
        'Nama Perangkat Daerah',
        'OFFICE_NAME_DIFFERS',
        `office ${op.code} is registered as "${work.office.name}", not "${op.name}"`,
      );
    }
    this.record(op, { kind: 'register-office', input: parseRegisterOffice({ code: op.code, name: op.name }, 'lenient') });
  }

  private line(op: Extract<ImportOperation, { kind: 'line' }>): void {
    const work = this.stream(lineStreamId(op.year, op.office, op.code));
    const existing = work.line.line;
    if (existing) {
      if (op.name === null || op.name === existing.name) return this.unchanged(op);
      return this.problem(
        op,
        'Program/Kegiatan/Sub Kegiatan',
        'LINE_NAME_DIFFERS',
        `line ${op.code} is registered as "${existing.name}"; a later row must repeat that name or leave it empty`,
      );
    }
    // The same parser as the API's, in its lenient mode.
    const input = parseRegisterLine({ year: op.year, officeCode: op.office, code: op.code, name: op.name ?? undefined }, 'lenient');
    this.record(op, { kind: 'register-line', input });
  }

  private lineChange(op: Extract<ImportOperation, { kind: 'indicator' | 'target' | 'pagu' | 'realisation' | 'renstra' }>): void {
    const line = this.addressOf(op.year, op.office, op.code);
    const work = this.stream(line.streamId);
    const state = work.line;
    let command: LedgerCommand;
    switch (op.kind) {
      case 'indicator': {
        const existing = state.indicators.find((i) => i.name === op.name);
        if (existing) {
          if (existing.unit === op.unit && (op.direction === null || op.direction === existing.direction)) return this.unchanged(op);
          return this.problem(
            op,
            'Satuan',
            'INDICATOR_DIFFERS',
            `indicator "${op.name}" of line ${op.code} is defined with unit "${existing.unit}" and direction ${existing.direction}`,
          );
        }
        command = {
          kind: 'define-indicator',
          line,
          // The same parser as the API's, in its lenient mode (Arah was read as naik / turun).
          input: parseIndicatorDefinition({ name: op.name, unit: op.unit, direction: op.direction ?? 'higher_is_better' }, 'lenient'),
        };
        break;
      }
      case 'target': {
        const indicator = state.indicators.find((i) => i.name === op.indicator);
        const same = state.entries.some(
          (e) =>
            active(e) &&
            e.kind === 'target' &&
            e.data.indicatorId === indicator?.indicatorId &&
            sameAmount(e.data.value, op.value) &&
            e.effectiveDate === op.effectiveDate,
        );
        if (same) return this.unchanged(op);
        const { value, reason, effectiveDate } = op;
        command = {
          kind: 'revise-target',
          line,
          input: parseReviseTarget(
            { indicator: op.indicator, value, reason, effectiveDate, legalBasis: op.legalBasis ?? undefined },
            'lenient',
          ),
        };
        break;
      }
      case 'pagu': {
        const operation = op.amount !== undefined ? 'set' : 'add';
        const figure = op.amount ?? op.delta!;
        const source = op.fundingSource.toUpperCase();
        const same = state.entries.some(
          (e) =>
            active(e) &&
            e.kind === 'pagu' &&
            e.data.phase === op.phase &&
            e.data.fundingSource === source &&
            e.data.operation === operation &&
            sameAmount(e.data.amount, figure) &&
            e.effectiveDate === op.effectiveDate,
        );
        if (same) return this.unchanged(op);
        requireLine(state);
        command = {
          kind: 'change-pagu',
          line,
          // The API's parser in its lenient mode (the cells were read as people write them).
          input: parseChangePagu(
            {
              phase: op.phase,
              fundingSource: op.fundingSource,
              ...(op.amount !== undefined ? { amount: op.amount } : { delta: op.delta }),
              reason: op.reason,
              legalBasis: op.legalBasis,
              effectiveDate: op.effectiveDate,
            },
            'lenient',
          ),
        };
        break;
      }
      case 'renstra': {
        if (renstraUnchanged(op, state)) return this.unchanged(op);
        const { indicator, targetK, targetRp, realisedToLastYearK, realisedToLastYearRp, effectiveDate, reason, legalBasis } = op;
        command = {
          kind: 'record-renstra',
          line,
          input: parseRecordRenstra(
            { indicator, targetK, targetRp, realisedToLastYearK, realisedToLastYearRp, effectiveDate, reason, legalBasis },
            'lenient',
          ),
        };
        break;
      }
      case 'realisation': {
        if (this.realisationRecorded(op, state)) return;
        requireLine(state);
        command = {
          kind: 'record-realisation',
          line,
          input: parseRecordRealisation(
            { period: op.period, amount: op.amount, outputs: op.outputs, effectiveDate: op.effectiveDate, reason: op.reason },
            'lenient',
            op.year,
          ),
        };
        break;
      }
    }
    this.record(op, command);
    if (op.kind === 'indicator' || op.kind === 'renstra') return;
    for (const warning of lineWarnings(op, state, work.line, this.lineViews))
      this.warnings.add({ file: op.at.file, table: op.at.table, ...warning });
  }

  /** True (and counted or reported) when the period already has a realisation in the ledger. */
  private realisationRecorded(op: Extract<ImportOperation, { kind: 'realisation' }>, state: PlanLineState): boolean {
    const recorded = state.entries.filter(
      (e): e is Extract<LineEntry, { kind: 'realisation' }> => active(e) && e.kind === 'realisation' && e.data.period === op.period,
    );
    if (recorded.length === 0) return false;
    const endDate = parsePeriod(op.period).endDate;
    const outputs = (list: Array<{ id: string; value: string }>) =>
      JSON.stringify(list.map((o) => [o.id, new Money(o.value).toString()]).sort());
    const wanted = outputs(
      op.outputs.map((o) => ({ id: state.indicators.find((i) => i.name === o.indicator)?.indicatorId ?? o.indicator, value: o.value })),
    );
    const same = recorded.some(
      (e) =>
        sameAmount(e.data.amount, op.amount) &&
        e.effectiveDate === (op.effectiveDate ?? endDate) &&
        outputs(e.data.outputs.map((o) => ({ id: o.indicatorId, value: o.value }))) === wanted,
    );
    if (same) this.unchanged(op);
    else {
      this.problem(
        op,
        op.amount !== null ? 'Realisasi' : 'Realisasi Kinerja',
        'REALISATION_ALREADY_RECORDED',
        `line ${op.code} already has a different realisation for ${op.period} in the ledger; an import does not add a second one — correct the recorded one: Koreksi on the line's timeline in the workbench, renja-ledger correct <eventId> --amount … --reason …, a koreksi table in the import, or POST /api/v1/events/{eventId}/corrections`,
      );
    }
    return true;
  }

  private shift(op: Extract<ImportOperation, { kind: 'shift' }>): void {
    const from = this.stream(lineStreamId(op.year, op.office, op.fromCode));
    const to = this.stream(lineStreamId(op.year, op.office, op.toCode));
    for (const [work, column, code] of [
      [from, 'Dari Kode', op.fromCode],
      [to, 'Ke Kode', op.toCode],
    ] as const) {
      if (!work.line.line)
        return this.problem(
          op,
          column,
          'LINE_NOT_REGISTERED',
          `${column}: line ${code} is not registered for ${op.year} in office ${op.office}`,
        );
    }
    const source = op.fundingSource.toUpperCase();
    const same = from.line.entries.some(
      (e) =>
        active(e) &&
        e.kind === 'shift' &&
        e.data.direction === 'out' &&
        e.data.counterpartCode === op.toCode &&
        e.data.fundingSource === source &&
        sameAmount(e.data.amount, op.amount) &&
        e.effectiveDate === op.effectiveDate,
    );
    if (same) return this.unchanged(op);
    this.record(op, {
      kind: 'shift-budget',
      from: this.addressOf(op.year, op.office, op.fromCode),
      to: this.addressOf(op.year, op.office, op.toCode),
      input: parseShiftBudget(
        {
          amount: op.amount,
          fundingSource: op.fundingSource,
          reason: op.reason,
          legalBasis: op.legalBasis,
          effectiveDate: op.effectiveDate,
        },
        'lenient',
      ),
    });
  }

  private stated(op: Extract<ImportOperation, { kind: 'stated' }>): void {
    const { year, office, code, label, measure, phase, period, indicator, value, source, note } = op;
    const command: LedgerCommand = {
      kind: 'record-stated-figure',
      // The same parser as the API's, in its lenient mode.
      input: parseRecordStatedFigure(
        { year, officeCode: office, code, label, measure, phase, period, indicator, value, source, note },
        'lenient',
      ),
    };
    const decision = this.batch.decide(command);
    if (decision.writes.every((w) => w.events.length === 0)) return this.unchanged(op);
    this.record(op, command, decision);
  }
}
