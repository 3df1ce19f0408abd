import { formatRupiah, Money } from '@renja/domain';
import type { CellKind } from './report-table';

/** Shown for missing data in human formats: never a zero. */
export const MISSING = '—';

/** Indonesian decimal comma with dot grouping, for non-money values: 12345.5 → 12.345,5 */
export function indonesianNumber(value: string): string {
  const negative = value.startsWith('-');
  const [int, frac] = (negative ? value.slice(1) : value).split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${negative ? '-' : ''}${grouped}${frac ? `,${frac}` : ''}`;
}

/** A cell for people: "Rp 1.653.027.794,00", "38,15 %", "—" for missing. `compact` drops "Rp " (narrow PDF columns). */
export function humanCell(kind: CellKind, value: string | null, options: { compact?: boolean } = {}): string {
  if (value === null || value === '') return MISSING;
  switch (kind) {
    case 'amount':
      return options.compact ? formatRupiah(value).replace('Rp ', '') : formatRupiah(value);
    case 'percent':
      return options.compact ? indonesianNumber(new Money(value).toFixed(2)) : `${indonesianNumber(new Money(value).toFixed(2))} %`;
    case 'value':
      return indonesianNumber(value);
    default:
      return value;
  }
}
