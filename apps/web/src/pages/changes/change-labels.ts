import type { MessageKey } from '../../i18n/i18n';

/** Event types in words (the server's kinds); an unknown type is shown as sent. */
export const EVENT_TYPE_LABELS: Record<string, MessageKey> = {
  'plan-line.registered': 'changes.type.registered',
  'indicator.defined': 'changes.type.indicator',
  'target.revised': 'changes.type.target',
  'pagu.changed': 'changes.type.pagu',
  'pagu.shifted': 'changes.type.shift',
  'realisation.recorded': 'changes.type.realisation',
  'event.corrected': 'changes.type.corrected',
  'stated-figure.recorded': 'changes.type.stated',
  'renstra.recorded': 'changes.type.renstra',
};

const ROMAN = ['I', 'II', 'III', 'IV'];

export interface FigureLabel {
  key: MessageKey | null;
  values: Record<string, string>;
  /** Rupiah (pagu and realisation): shown as money; anything else as text in its own unit. */
  money: boolean;
}

/**
 * A figure name of the history ("pagu.APBD_P.DID", "realisation.Q4", "target.IK-1") as a message
 * key with its values; `key: null` for a name this page does not know (shown as sent).
 */
export function figureLabel(figure: string, phaseLabel: (phase: string) => string = (p) => p): FigureLabel {
  const parts = figure.split('.');
  const quarter = (q: string | undefined) => (q && /^Q[1-4]$/.test(q) ? `TW ${ROMAN[Number(q[1]) - 1]}` : (q ?? ''));
  if (figure === 'line') return { key: 'changes.figure.line', values: {}, money: false };
  if (figure === 'pagu.current') return { key: 'changes.figure.paguCurrent', values: {}, money: true };
  if (parts[0] === 'pagu' && parts.length === 3)
    return { key: 'changes.figure.pagu', values: { phase: phaseLabel(parts[1]), source: parts[2] }, money: true };
  if (figure === 'realisation.cumulative') return { key: 'changes.figure.realisedCumulative', values: {}, money: true };
  if (parts[0] === 'realisation' && parts.length === 2)
    return { key: 'changes.figure.realised', values: { period: quarter(parts[1]) }, money: true };
  if (parts[0] === 'output' && parts.length === 3)
    return { key: 'changes.figure.output', values: { indicator: parts[1], period: quarter(parts[2]) }, money: false };
  if (parts[0] === 'target' && parts.length === 2) return { key: 'changes.figure.target', values: { indicator: parts[1] }, money: false };
  // renstra.target.rp, renstra.realised_to_last_year.IK-1: Rupiah for the line, K for an indicator.
  if (parts[0] === 'renstra' && parts.length === 3) {
    const key = parts[1] === 'target' ? 'changes.figure.renstraTarget' : 'changes.figure.renstraRealised';
    return { key, values: { of: parts[2] === 'rp' ? '(Rp)' : parts[2] }, money: parts[2] === 'rp' };
  }
  return { key: null, values: {}, money: false };
}

/** The `to` sent to the server: the user's, but never after the knownAt day (the log as the ledger knew it then). */
export function recordedUntil(to: string | undefined, knownAt: string | undefined): string | undefined {
  const known = knownAt?.slice(0, 10);
  if (!known) return to;
  return to && to < known ? to : known;
}
