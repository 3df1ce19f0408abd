import type Decimal from 'decimal.js';
import {
  evolveLine,
  initialLineState,
  LINE_EVENT_TYPES,
  Money,
  percentage,
  realisationSummary,
  targetsAsOf,
  type LineEvent,
  type Phase,
  type PlanLineState,
} from '@renja/domain';
import type { Cell } from './cell-parsers';
import type { ImportOperation, RowRef } from './import-rows';
import { lineWarnings, LineViews, type RowWarning } from './plausibility';
import { seededRandom as random } from '@renja/domain/testing/seeded-random';

const YEAR = 2022;
const CODE = '2.17.01.1.01.0001';
const INDICATORS = ['Jumlah peserta', 'Jumlah dokumen', 'Angka kemiskinan'];
const pad = (n: number) => String(n).padStart(2, '0');
const cells = (entries: Record<string, string>): Map<string, Cell> =>
  new Map(Object.entries(entries).map(([column, text]) => [column, { text }]));
const at = (table: RowRef['table'], row: number, values: Record<string, string>): RowRef => ({
  file: `${table}.csv`,
  sha256: 'x',
  table,
  row,
  cells: cells(values),
});

type LineOp = Extract<ImportOperation, { kind: 'target' | 'pagu' | 'realisation' }>;

/**
 * A generated import of one line, row by row: targets, pagu set and changed in several phases and dates,
 * shifts, monthly realisations with amounts and outputs (some a thousand times below the pagu, some far
 * above their target), corrections and reversals of earlier entries, an indicator defined halfway — and
 * rows whose warnings are not asked for (a row refused, another kind of row in between).
 */
function* generatedRows(seed: number): Generator<{ op: LineOp | null; before: PlanLineState; after: PlanLineState }> {
  const next = random(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)];
  // Every fifth line counts down (negative targets and outputs): their quotients are positive too.
  const negative = seed % 5 === 0 ? '-' : '';
  const date = () => `${YEAR}-${pad(1 + Math.floor(next() * 12))}-${pad(1 + Math.floor(next() * 28))}`;
  const money = () => pick(['0.50', '1000.00', `${Math.floor(next() * 900) * 1_000_000}.25`, '150000000.00', '987654321987.05']);
  const figure = () =>
    `${negative}${pick(['0.5', '1', '3', '6', '12', '24', '24.0005', '24.0006', '250', '1000.123456', '999999999999999999.999999'])}`;
  let state = initialLineState();
  let id = 0;
  let row = 1;
  const fold = (event: Omit<LineEvent, 'id' | 'legalBasis' | 'reason'>) => {
    const before = state;
    state = evolveLine(state, { id: `e-${seed}-${++id}`, legalBasis: null, reason: null, ...event } as LineEvent);
    return before;
  };
  fold({
    type: LINE_EVENT_TYPES.registered,
    data: { year: YEAR, officeCode: 'DKUKM', code: CODE, level: 'sub_kegiatan', parentCode: '2.17.01.1.01', name: 'Uji' },
    effectiveDate: `${YEAR}-01-01`,
  } as never);
  const define = (n: number) =>
    fold({
      type: LINE_EVENT_TYPES.indicatorDefined,
      data: {
        indicatorId: `IK-${n + 1}`,
        name: INDICATORS[n],
        unit: n === 1 ? '' : 'Orang',
        direction: n === 2 ? 'lower_is_better' : 'higher_is_better',
      },
      effectiveDate: `${YEAR}-01-01`,
    } as never);
  define(0);
  define(1);
  let indicators = 2;
  const on = { year: YEAR, office: 'DKUKM', code: CODE };
  for (let i = 0; i < 60; i++) {
    row++;
    const kind = next();
    let op: LineOp | null = null;
    let before: PlanLineState;
    if (kind < 0.1) {
      const n = Math.floor(next() * indicators);
      const value = figure();
      const effectiveDate = date();
      before = fold({ type: LINE_EVENT_TYPES.targetRevised, data: { indicatorId: `IK-${n + 1}`, value }, effectiveDate });
      op = {
        ...on,
        kind: 'target',
        at: at('rencana', row, { Target: value }),
        indicator: INDICATORS[n],
        value,
        effectiveDate,
        reason: 'r',
        legalBasis: null,
      };
    } else if (kind < 0.22) {
      const phase = pick<Phase>(['RENJA', 'APBD', 'APBD', 'PERGESERAN', 'APBD_P']);
      const set = next() < 0.7;
      const amount = money();
      const fundingSource = pick(['DAU', 'DAK']);
      const effectiveDate = date();
      before = fold({
        type: LINE_EVENT_TYPES.paguChanged,
        data: { phase, fundingSource, operation: set ? 'set' : 'add', amount },
        effectiveDate,
      } as never);
      op = {
        ...on,
        kind: 'pagu',
        at: at('pagu', row, set ? { Pagu: amount } : { Perubahan: amount }),
        phase,
        fundingSource,
        ...(set ? { amount } : { delta: amount }),
        effectiveDate,
        reason: null,
        legalBasis: null,
      };
    } else if (kind < 0.27) {
      // A shift leg: another kind of row, whose warnings the realisation rows after it must not miss.
      before = fold({
        type: LINE_EVENT_TYPES.paguShifted,
        data: {
          shiftId: `s-${i}`,
          direction: pick(['out', 'in']),
          counterpartCode: '2.17.01.1.01.0002',
          fundingSource: 'DAU',
          amount: money(),
        },
        effectiveDate: date(),
      } as never);
    } else if (kind < 0.33 && state.entries.some((e) => !e.supersededBy)) {
      // A correction (replacement or reversal) of an entry in force.
      const original = pick(state.entries.filter((e) => !e.supersededBy));
      const data =
        original.kind === 'realisation'
          ? {
              ...original.data,
              amount: original.data.amount === null ? null : money(),
              outputs: original.data.outputs.map((o) => ({ ...o, value: figure() })),
            }
          : original.kind === 'target'
            ? { ...original.data, value: figure() }
            : { ...original.data, amount: money() };
      before = fold({
        type: LINE_EVENT_TYPES.corrected,
        data: {
          correctedEventId: original.eventId,
          correctedType: 'x',
          replacement: next() < 0.3 ? null : { data, effectiveDate: next() < 0.5 ? original.effectiveDate : date() },
        },
        effectiveDate: date(),
      });
    } else if (kind < 0.35 && indicators < INDICATORS.length) {
      before = define(indicators++);
    } else {
      const month = 1 + Math.floor(next() * 12);
      const period = `${YEAR}-${pad(month)}`;
      const amount = next() < 0.2 ? null : money();
      const reported = INDICATORS.slice(0, indicators).filter(() => next() < 0.6);
      const outputs = reported.map((indicator) => ({ indicator, value: figure() }));
      const effectiveDate = next() < 0.3 ? date() : null;
      before = fold({
        type: LINE_EVENT_TYPES.realisationRecorded,
        data: {
          period,
          amount,
          outputs: outputs.map((o) => ({ indicatorId: `IK-${INDICATORS.indexOf(o.indicator) + 1}`, value: o.value })),
        },
        effectiveDate: effectiveDate ?? `${period}-28`,
      });
      // One row per figure, as an import groups them: the first holds the amount.
      const rows = [row, ...outputs.slice(1).map(() => ++row)];
      const rowCells = new Map(
        rows.map((r, k) => [
          r,
          cells({
            ...(k === 0 && amount !== null ? { Realisasi: amount } : {}),
            ...(outputs[k] ? { Indikator: outputs[k].indicator, 'Realisasi Kinerja': outputs[k].value } : {}),
          }),
        ]),
      );
      op = {
        ...on,
        kind: 'realisation',
        at: { ...at('realisasi', rows[0], {}), cells: rowCells.get(rows[0])! },
        rows,
        rowCells,
        period,
        amount,
        outputs,
        effectiveDate,
        reason: null,
      };
    }
    // A row whose warnings are not asked for (refused, or not a line change): the next row sees both entries.
    yield { op: next() < 0.1 ? null : op, before, after: state };
  }
}

/** The indicators of a realisation row whose achievement (percentage as the report rounds it) is above 200 %. */
function achievementsOver200(op: Extract<LineOp, { kind: 'realisation' }>, state: PlanLineState): string[] {
  const targets = targetsAsOf(state);
  const outputs = realisationSummary(state).outputs;
  return op.outputs
    .map((o) => o.indicator)
    .filter((name) => {
      const indicator = state.indicators.find((i) => i.name === name);
      const target = indicator && targets.get(indicator.indicatorId);
      const quarters = indicator && outputs.get(indicator.indicatorId);
      if (!indicator || !target || !quarters) return false;
      const total = quarters.reduce<Decimal>((sum, q) => (q ? sum.plus(q) : sum), new Money(0));
      const achievement = indicator.direction === 'lower_is_better' ? percentage(target, total) : percentage(total, target);
      return achievement !== null && new Money(achievement).greaterThan(200);
    });
}

describe('plausibility warnings kept per line (LineViews) are those computed from all of the line’s entries', () => {
  it('gives the same warnings, text and order for every row of 100 generated lines', () => {
    const rules = new Map<string, number>();
    let rows = 0;
    for (let seed = 1; seed <= 100; seed++) {
      const views = new LineViews();
      for (const { op, before, after } of generatedRows(seed)) {
        if (!op) continue;
        const kept: RowWarning[] = lineWarnings(op, before, after, views);
        const scratch: RowWarning[] = lineWarnings(op, before, after);
        expect({ seed, row: op.at.row, warnings: kept }).toEqual({ seed, row: op.at.row, warnings: scratch });
        if (op.kind === 'realisation') {
          // The indicators warned about are those whose achievement, as the report computes it, passes 200 %.
          const warned = scratch.filter((w) => w.rule === 'ACHIEVEMENT_IMPLAUSIBLE').map((w) => /capaian "([^"]+)"/.exec(w.message)![1]);
          expect({ seed, row: op.at.row, warned }).toEqual({ seed, row: op.at.row, warned: achievementsOver200(op, after) });
        }
        for (const w of scratch) rules.set(`${w.rule} ${w.column}`, (rules.get(`${w.rule} ${w.column}`) ?? 0) + 1);
        rows++;
      }
    }
    // The generated rows reach every rule, so the comparison covers each kind of warning.
    expect(rows).toBeGreaterThan(3_000);
    for (const rule of [
      'ACHIEVEMENT_IMPLAUSIBLE Realisasi Kinerja',
      'AMOUNT_IMPLAUSIBLE Realisasi',
      'AMOUNT_IMPLAUSIBLE Pagu',
      'TARGET_CHANGE_IMPLAUSIBLE Target',
    ])
      expect([rule, (rules.get(rule) ?? 0) > 10]).toEqual([rule, true]);
  });
});

describe('pagu warnings', () => {
  it('name the figure as read, how many times larger or smaller it is and the line’s pagu', () => {
    const line = evolveLine(
      evolveLine(initialLineState(), {
        id: 'e-1',
        type: LINE_EVENT_TYPES.registered,
        data: { year: YEAR, officeCode: 'DKUKM', code: CODE, level: 'sub_kegiatan', parentCode: '2.17.01.1.01', name: 'Uji' },
        effectiveDate: `${YEAR}-01-01`,
        legalBasis: null,
        reason: null,
      }),
      {
        id: 'e-2',
        type: LINE_EVENT_TYPES.paguChanged,
        data: { phase: 'APBD', fundingSource: 'DAU', operation: 'set', amount: '500000000.00' },
        effectiveDate: `${YEAR}-01-03`,
        legalBasis: null,
        reason: null,
      },
    );
    const row = (amount: string, text: string): LineOp => ({
      year: YEAR,
      office: 'DKUKM',
      code: CODE,
      kind: 'pagu',
      at: at('pagu', 7, { Pagu: text }),
      phase: 'APBD_P',
      fundingSource: 'DAU',
      amount,
      effectiveDate: `${YEAR}-10-01`,
      reason: null,
      legalBasis: null,
    });
    const messages = (op: LineOp) => lineWarnings(op, line, line).map((w) => [w.row, w.column, w.value, w.rule, w.message]);
    const check = 'Periksa pemisah ribuan dan desimalnya (1.653.027.794,00).';
    expect(messages(row('500000000000.00', ' 500.000.000.000 '))).toEqual([
      [
        7,
        'Pagu',
        ' 500.000.000.000 ',
        'AMOUNT_IMPLAUSIBLE',
        `Pagu: "500.000.000.000" dibaca sebagai Rp 500.000.000.000,00, 1.000 kali pagu baris ${CODE} saat ini (Rp 500.000.000,00). ${check}`,
      ],
    ]);
    expect(messages(row('500000.00', '500.000'))).toEqual([
      [
        7,
        'Pagu',
        '500.000',
        'AMOUNT_IMPLAUSIBLE',
        `Pagu: "500.000" dibaca sebagai Rp 500.000,00, 1.000 kali lebih kecil dari pagu baris ${CODE} saat ini (Rp 500.000.000,00). ${check}`,
      ],
    ]);
    expect(messages(row('500000001.00', '500.000.001'))).toEqual([]);
  });
});
