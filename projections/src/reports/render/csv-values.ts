import { DIRECTION_WORDS, eventName } from '../shared/ledger-words';
import { PHASE_NAMES } from './cells';
import { LEVEL_NAMES } from './report-table';

const YES_NO: Record<string, string> = { true: 'ya', false: 'tidak' };

/**
 * The ledger's machine values in the CSV for people (csv=id), by column name: the same words the papers use.
 * A column of a report may name its own (TableColumn.labels); these are the ones several reports share.
 */
const SHARED_VALUES: Record<string, Record<string, string>> = {
  row_type: { line: 'Baris', ...LEVEL_NAMES },
  level: LEVEL_NAMES,
  phase: PHASE_NAMES,
  carried_from: PHASE_NAMES,
  current_phase: PHASE_NAMES,
  explained: YES_NO,
  monthly_complete: YES_NO,
  direction: DIRECTION_WORDS,
  status: { in_force: 'berlaku', reversed: 'dibatalkan', replaced: 'diganti', OK: 'sesuai', MISMATCH: 'tidak sesuai' },
  measure: { PAGU: 'Pagu', REALISASI: 'Realisasi', SERAPAN: 'Serapan', TARGET: 'Target' },
  presence: { both: 'keduanya' },
  // The pagu trail's steps (the change log's kind holds event types, read by eventName below).
  kind: {
    phase_start: 'awal tahapan (dibawa dari tahapan sebelumnya)',
    pagu_set: 'penetapan pagu',
    pagu_add: 'penambahan/pengurangan',
    shift_in: 'pergeseran masuk',
    shift_out: 'pergeseran keluar',
  },
};

/** Event types read as words wherever a column holds them (the change log's kind, the pagu trail's event type). */
const EVENT_TYPE_COLUMNS = new Set(['kind', 'event_type', 'corrected_type']);

export function personValue(column: { key: string; labels?: Record<string, string> }, value: string): string {
  if (value === '') return value;
  const own = column.labels?.[value] ?? SHARED_VALUES[column.key]?.[value];
  if (own !== undefined) return own;
  if (EVENT_TYPE_COLUMNS.has(column.key) && value.includes('.')) return eventName(value);
  return value;
}
