import type Decimal from 'decimal.js';
import {
  entriesAsOf,
  Money,
  paguBreakdown,
  parsePeriod,
  percentage,
  PHASE_CHAIN,
  totalOf,
  type Phase,
  type PlanLineState,
  type StatedFigureData,
} from '@renja/domain';
import { phaseName } from '../render/cells';
import { zero } from '../shared/amounts';
import { periodText, rupiahText } from '../shared/indonesian-text';
import { subtreeOf, type StateReportLine } from '../shared/report-lines';

/** The ledger's own figure for what a statement is about, with how it was computed; null when it cannot say. */
export interface LedgerFigure {
  value: string | null;
  explanation: string;
}

/** A line's pagu in a phase: a chain phase it lacks carries the latest earlier phase it has (the chain rule). */
function phaseAmount(state: PlanLineState, phase: Phase): Decimal {
  const phases = paguBreakdown(state).phases;
  if (phase === 'PRAKIRAAN_MAJU') return totalOf(phases.get(phase));
  const chain = PHASE_CHAIN.slice(0, PHASE_CHAIN.indexOf(phase) + 1).filter((p) => phases.has(p));
  return chain.length ? totalOf(phases.get(chain[chain.length - 1])) : zero();
}

/** Realisation recorded for periods that ended by the end of `period` (the whole year when null). */
function realisedUpTo(state: PlanLineState, period: string | null): Decimal {
  const end = period ? parsePeriod(period).endDate : null;
  let total = zero();
  for (const entry of entriesAsOf(state)) {
    if (entry.kind !== 'realisation' || entry.data.amount === null) continue;
    if (end && parsePeriod(entry.data.period).endDate > end) continue;
    total = total.plus(entry.data.amount);
  }
  return total;
}

const sumOver = (lines: StateReportLine[], figure: (state: PlanLineState) => Decimal) =>
  lines.reduce((s, l) => s.plus(figure(l.state)), zero());

function targetOf(lines: StateReportLine[], indicator: string): LedgerFigure {
  const found = lines.flatMap((l) => l.state.indicators.filter((i) => i.name === indicator).map((i) => ({ line: l, id: i.indicatorId })));
  if (found.length === 0) return { value: null, explanation: `tidak ada indikator "${indicator}" pada baris ini atau di bawahnya` };
  const targets = found.map(({ line, id }) => {
    const entries = entriesAsOf(line.state).filter((e) => e.kind === 'target' && e.data.indicatorId === id);
    const last = entries[entries.length - 1];
    return last && last.kind === 'target' ? new Money(last.data.value) : null;
  });
  if (targets.some((t) => t === null)) return { value: null, explanation: `indikator "${indicator}" belum memiliki target tercatat` };
  const distinct = new Set(targets.map((t) => t!.toString()));
  if (distinct.size > 1)
    return { value: null, explanation: `indikator "${indicator}" memiliki target yang berbeda pada ${found.length} baris` };
  return {
    value: targets[0]!.toString(),
    explanation: `target yang berlaku untuk indikator "${indicator}" (${found.map((f) => `${f.line.code} ${f.id}`).join(', ')})`,
  };
}

/** What the ledger says about the thing a stated figure is about, computed from its parts. */
export function ledgerFigure(figure: StatedFigureData, lines: StateReportLine[]): LedgerFigure {
  const scope = figure.code === null ? lines : subtreeOf(lines, figure.code);
  const where =
    figure.code === null ? 'seluruh baris perangkat daerah' : `baris ${figure.code} beserta baris di bawahnya (${scope.length} baris)`;
  if (figure.code !== null && !lines.some((l) => l.code === figure.code))
    return { value: null, explanation: `baris ${figure.code} tidak terdaftar di ledger` };
  const upTo = figure.period ? `s.d. ${periodText(figure.period)}` : 'setahun penuh';
  switch (figure.measure) {
    case 'PAGU':
      return {
        value: sumOver(scope, (s) => phaseAmount(s, figure.phase!)).toFixed(2),
        explanation: `jumlah pagu ${phaseName(figure.phase)} dari ${where}`,
      };
    case 'REALISASI':
      return {
        value: sumOver(scope, (s) => realisedUpTo(s, figure.period)).toFixed(2),
        explanation: `jumlah realisasi ${upTo} dari ${where}`,
      };
    case 'SERAPAN': {
      const realised = sumOver(scope, (s) => realisedUpTo(s, figure.period));
      const pagu = figure.phase
        ? sumOver(scope, (s) => phaseAmount(s, figure.phase!))
        : sumOver(scope, (s) => paguBreakdown(s).currentPagu);
      const against = figure.phase ? `pagu ${phaseName(figure.phase)}` : 'pagu kini';
      const value = percentage(realised, pagu);
      return value === null
        ? { value: null, explanation: `${against} dari ${where} bernilai nol: serapan tidak dapat dihitung` }
        : {
            value,
            explanation: `realisasi ${upTo} (${rupiahText(realised.toFixed(2))}) ÷ ${against} (${rupiahText(pagu.toFixed(2))}) × 100, atas ${where}`,
          };
    }
    case 'TARGET':
      return targetOf(scope, figure.indicator ?? '');
  }
}
