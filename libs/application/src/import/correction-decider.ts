import {
  DomainError,
  lineStreamId,
  LINE_EVENT_TYPES,
  parseCorrectEvent,
  type EventCorrected,
  type LineEntry,
  type PlanLineState,
} from '@renja/domain';
import type { LedgerCommand } from '../shared/ledger-command';
import type { CommandDecision, StreamState } from '../shared/ledger-pipeline';
import { CellError, parseImportPeriod } from './cell-parsers';
import { CorrectionInputError, correctionReplacement } from './correction-body';
import { REPLACEMENT_COLUMNS, type CorrectionOperation } from './correction-rows';
import type { RowRef } from './import-rows';

/** What the operation decider lends a correction row: its streams, its problem list, its counts and the batch's decide and record. */
export interface CorrectionContext {
  stream(id: string): StreamState<RowRef>;
  problem(column: string | null, rule: string, message: string): void;
  unchanged(): void;
  decide(command: LedgerCommand): CommandDecision;
  record(command: LedgerCommand, decision: CommandDecision): void;
}

/** The event type of each kind of entry: what a correction of it is authorized as (correctionAction). */
const ENTRY_EVENT_TYPE: Record<LineEntry['kind'], string> = {
  pagu: LINE_EVENT_TYPES.paguChanged,
  shift: LINE_EVENT_TYPES.paguShifted,
  target: LINE_EVENT_TYPES.targetRevised,
  realisation: LINE_EVENT_TYPES.realisationRecorded,
};

type Found = { entry: LineEntry } | { reversedBy: string } | null;

/** Follows the corrections of an entry to its latest version, or to the reversal that ended it. */
function latestVersion(state: PlanLineState, entry: LineEntry): Found {
  let current = entry;
  while (current.supersededBy) {
    const next = state.entries.find((e) => e.eventId === current.supersededBy!.eventId);
    if (!next) return { reversedBy: current.supersededBy.eventId };
    current = next;
  }
  return { entry: current };
}

/** Sorted keys: stored data comes back from jsonb in another key order than a fresh decision's. */
const stable = (value: unknown): string =>
  JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v,
  );

const DOMAIN_COLUMNS: Record<string, string> = {
  reason: 'Alasan',
  legalBasis: 'Jenis Dasar Hukum',
  'legalBasis.kind': 'Jenis Dasar Hukum',
  'legalBasis.number': 'Nomor Dasar Hukum',
  'legalBasis.date': 'Tanggal Dasar Hukum',
};
const KIND_AMOUNT: Record<LineEntry['kind'], string> = { realisation: 'Realisasi', pagu: 'Pagu', target: 'Target', shift: 'Jumlah' };

/**
 * Decides one koreksi row the way POST /api/v1/events/{eventId}/corrections does (the same CorrectEvent
 * command and decider), against the import's in-memory line state: finds the entry it names, takes that
 * entry's latest version, and records a correction of it, or counts the row unchanged when the ledger
 * already holds exactly that correction (a re-exported correction table).
 */
export function decideCorrectionRow(op: CorrectionOperation, ctx: CorrectionContext): void {
  const finder = op.eventId ? 'ID Peristiwa' : op.entryKind === 'pagu' ? 'Tahapan' : op.entryKind === 'target' ? 'Indikator' : 'Periode';
  if (!op.line) {
    if (op.found)
      ctx.problem('ID Peristiwa', 'EVENT_NOT_CORRECTABLE', `event ${op.eventId} (${op.found.type}) is not a change of a plan line`);
    else ctx.problem('ID Peristiwa', 'EVENT_NOT_FOUND', `no event with id ${op.eventId} is recorded`);
    return;
  }
  const { year, office, code } = op.line;
  const work = ctx.stream(op.line.streamId);
  const state = work.line;
  if (!state.line) return ctx.problem('Kode', 'LINE_NOT_REGISTERED', `line ${code} is not registered for ${year} in office ${office}`);
  const period = readPeriod(op.period, year, 'Periode', ctx);
  const newPeriod = readPeriod(op.fields['Periode Baru'] ?? null, year, 'Periode Baru', ctx);
  if (period === undefined || newPeriod === undefined) return;
  const found = op.eventId ? byEventId(state, op, ctx) : byLine(state, op, period, ctx);
  if (!found) return;
  if ('reversedBy' in found) {
    if (op.reverse) return ctx.unchanged(); // already reversed: a re-exported reversal
    return ctx.problem(
      finder,
      'EVENT_ALREADY_CORRECTED',
      `the entry was reversed by event ${found.reversedBy}: there is nothing left to correct`,
    );
  }
  const { entry } = found;
  if (!agrees(op, state, entry, period, ctx)) return;
  for (const column of Object.keys(op.fields)) {
    if (!REPLACEMENT_COLUMNS[column].kinds.includes(entry.kind))
      return ctx.problem(
        column,
        'COLUMN_NOT_FOR_KIND',
        `${column} does not replace anything of a ${KIND_AMOUNT[entry.kind].toLowerCase()} entry`,
      );
  }
  const fields = Object.fromEntries(
    Object.entries(op.fields).map(([column, value]) => [REPLACEMENT_COLUMNS[column].field, column === 'Periode Baru' ? newPeriod! : value]),
  );
  let command: LedgerCommand;
  let decision: CommandDecision;
  try {
    const replacement: Record<string, unknown> = correctionReplacement(fields, op.reverse, {
      reverse: 'Batalkan: ya',
      fields: 'Realisasi, Realisasi Kinerja, Pagu, Perubahan, Target, Jumlah, …',
    });
    if (replacement.outputs !== undefined) {
      const outputs = outputsWith(state, entry, op.indicator!, String(replacement.outputs));
      if (!outputs) return ctx.problem('Indikator', 'INDICATOR_UNKNOWN', `line ${code} has no indicator "${op.indicator}"`);
      replacement.outputs = outputs;
    }
    // The API's CorrectEvent (of a shift: both legs together, the other leg's line was loaded with this one).
    const counterpart = entry.kind === 'shift' ? lineStreamId(year, office, entry.data.counterpartCode) : null;
    command = {
      kind: 'correct-event',
      target: {
        streamId: work.streamId,
        year,
        office,
        type: ENTRY_EVENT_TYPE[entry.kind],
        data: { ...entry.data },
        counterpartStreamId: counterpart,
      },
      // The same parser as the API's, in its lenient mode.
      input: parseCorrectEvent(
        { correctedEventId: entry.eventId, reason: op.reason, legalBasis: op.legalBasis ?? undefined, replacement },
        'lenient',
      ),
    };
    decision = ctx.decide(command);
  } catch (error) {
    if (error instanceof CorrectionInputError) return ctx.problem('Batalkan', error.rule, error.message);
    if (!(error instanceof DomainError)) throw error;
    const column = columnOf(error.field, op, entry, finder);
    return ctx.problem(column, error.rule, error.messageIn('id'));
  }
  const corrected = decision.writes[0].events[0] as EventCorrected;
  const replaced = corrected.data.replacement;
  // A correction already in the ledger with these very figures: a re-exported table, not a new correction.
  if (entry.corrects !== null && replaced && stable(replaced.data) === stable(entry.data) && replaced.effectiveDate === entry.effectiveDate)
    return ctx.unchanged();
  ctx.record(command, decision);
}

/** The entry's outputs with the named indicator's value replaced (or added); null: no such indicator. */
function outputsWith(
  state: PlanLineState,
  entry: LineEntry,
  indicator: string,
  value: string,
): Array<{ indicatorId: string; value: string }> | null {
  const id = state.indicators.find((i) => i.name === indicator)?.indicatorId;
  if (!id) return null;
  const current = entry.kind === 'realisation' ? entry.data.outputs : [];
  const kept = current.map((o) => ({ indicatorId: o.indicatorId, value: o.indicatorId === id ? value : o.value }));
  return kept.some((o) => o.indicatorId === id) ? kept : [...kept, { indicatorId: id, value }];
}

/** undefined: the period could not be read (reported). */
function readPeriod(text: string | null, year: number, column: string, ctx: CorrectionContext): string | null | undefined {
  if (text === null) return null;
  try {
    return parseImportPeriod({ text }, year);
  } catch (error) {
    if (!(error instanceof CellError)) throw error;
    ctx.problem(column, error.rule, `${column}: ${error.messageIn('id')}`);
    return undefined;
  }
}

function byEventId(state: PlanLineState, op: CorrectionOperation, ctx: CorrectionContext): Found {
  const entry = state.entries.find((e) => e.eventId === op.eventId);
  if (entry) return latestVersion(state, entry);
  ctx.problem(
    'ID Peristiwa',
    'EVENT_NOT_CORRECTABLE',
    `event ${op.eventId} is not a pagu change, shift, target revision or realisation of line ${op.line!.code}`,
  );
  return null;
}

/** The latest recorded entry of that kind still in force (a replacement counts as recorded when it was). */
function byLine(state: PlanLineState, op: CorrectionOperation, period: string | null, ctx: CorrectionContext): Found {
  const indicatorId = op.indicator === null ? null : state.indicators.find((i) => i.name === op.indicator)?.indicatorId;
  if (op.entryKind === 'target' && !indicatorId) {
    ctx.problem('Indikator', 'INDICATOR_UNKNOWN', `line ${op.line!.code} has no indicator "${op.indicator}"`);
    return null;
  }
  const source = op.fundingSource?.toUpperCase();
  const matching = state.entries.filter(
    (e) =>
      (e.kind === 'realisation' && op.entryKind === 'realisation' && e.data.period === period) ||
      (e.kind === 'pagu' && op.entryKind === 'pagu' && e.data.phase === op.phase && e.data.fundingSource === source) ||
      (e.kind === 'target' && op.entryKind === 'target' && e.data.indicatorId === indicatorId),
  );
  const inForce = matching.filter((e) => !e.supersededBy);
  if (inForce.length > 0) return { entry: inForce.at(-1)! };
  if (matching.length > 0) return latestVersion(state, matching.at(-1)!);
  const what =
    op.entryKind === 'pagu'
      ? `a pagu change of ${op.phase} ${source}`
      : op.entryKind === 'target'
        ? `a target of "${op.indicator}"`
        : `a realisation for ${period}`;
  ctx.problem(
    op.entryKind === 'pagu' ? 'Tahapan' : op.entryKind === 'target' ? 'Indikator' : 'Periode',
    'CORRECTION_TARGET_NOT_FOUND',
    `line ${op.line!.code} has no ${what} to correct`,
  );
  return null;
}

/** With an event id, the row's other naming columns must describe that entry (a guard against a pasted id). */
function agrees(op: CorrectionOperation, state: PlanLineState, entry: LineEntry, period: string | null, ctx: CorrectionContext): boolean {
  const line = op.line!;
  const checks: Array<[string, boolean]> = [
    ['Jenis', op.entryKind === null || op.entryKind === entry.kind],
    ['Tahun', op.given.year === null || op.given.year === line.year],
    ['Perangkat Daerah', op.given.office === null || op.given.office === line.office],
    ['Kode', op.given.code === null || op.given.code === line.code],
    ['Periode', period === null || (entry.kind === 'realisation' && entry.data.period === period)],
    ['Tahapan', op.phase === null || (entry.kind === 'pagu' && entry.data.phase === op.phase)],
    [
      'Sumber Dana',
      op.fundingSource === null || ('fundingSource' in entry.data && entry.data.fundingSource === op.fundingSource.toUpperCase()),
    ],
    [
      'Indikator',
      op.indicator === null ||
        (entry.kind === 'target' && state.indicators.find((i) => i.indicatorId === entry.data.indicatorId)?.name === op.indicator) ||
        // On a realisation, Indikator names the output that Realisasi Kinerja replaces.
        (entry.kind === 'realisation' && op.fields['Realisasi Kinerja'] !== undefined),
    ],
  ];
  const wrong = checks.find(([, ok]) => !ok);
  if (wrong)
    ctx.problem(
      wrong[0],
      'CORRECTION_TARGET_MISMATCH',
      `${wrong[0]} does not match the entry named (event ${entry.eventId}, a ${entry.kind} of line ${line.code}, ${line.year}, ${line.office})`,
    );
  return !wrong;
}

function columnOf(field: string | undefined, op: CorrectionOperation, entry: LineEntry, finder: string): string | null {
  if (!field) return null;
  if (field === 'eventId') return finder;
  if (field.startsWith('outputs')) return field.endsWith('.indicator') ? 'Indikator' : 'Realisasi Kinerja';
  if (DOMAIN_COLUMNS[field]) return DOMAIN_COLUMNS[field];
  const given = Object.keys(op.fields).find((c) => REPLACEMENT_COLUMNS[c].field === field);
  if (given) return given;
  if (field === 'amount') return KIND_AMOUNT[entry.kind];
  return null;
}
