import { phaseName } from '../render/cells';

/** The ledger's machine names (event types, figures) in the words of an Indonesian office, for papers and sheets. */

const EVENT_NAMES: Record<string, string> = {
  'office.registered': 'Pendaftaran perangkat daerah',
  'plan-line.registered': 'Pendaftaran baris',
  'indicator.defined': 'Penetapan indikator',
  'target.revised': 'Penetapan/perubahan target',
  'pagu.changed': 'Penetapan/perubahan pagu',
  'pagu.shifted': 'Pergeseran pagu',
  'realisation.recorded': 'Pencatatan realisasi',
  'event.corrected': 'Koreksi',
  'renstra.recorded': 'Pencatatan Renstra',
  'stated-figure.recorded': 'Pencatatan angka dokumen',
};

/** "pagu.changed" → "Penetapan/perubahan pagu"; a type this list does not know stays as it is. */
export const eventName = (type: string): string => EVENT_NAMES[type] ?? type;

const QUARTER_NAMES: Record<string, string> = { Q1: 'TW I', Q2: 'TW II', Q3: 'TW III', Q4: 'TW IV' };

/**
 * "pagu.APBD_P.DID" → "Pagu APBD-P (DID)", "realisation.Q4" → "Realisasi TW IV", "output.IK-1.Q2" → "Realisasi
 * kinerja IK-1 TW II", "target.IK-1" → "Target IK-1". The history's figure names, read aloud.
 */
export function figureName(figure: string | null): string | null {
  if (figure === null) return null;
  const [family, first, second] = figure.split('.');
  switch (family) {
    case 'line':
      return 'Baris';
    case 'indicator':
      return `Indikator ${figure.slice('indicator.'.length)}`;
    case 'target':
      return `Target ${figure.slice('target.'.length)}`;
    case 'pagu':
      if (first === 'current') return 'Pagu kini';
      return `Pagu ${phaseName(first) ?? first}${second ? ` (${second})` : ''}`;
    case 'realisation':
      if (first === 'cumulative') return 'Realisasi kumulatif';
      return `Realisasi ${QUARTER_NAMES[first] ?? first}`;
    case 'renstra': {
      // renstra.target.rp, renstra.realised_to_last_year.IK-1
      const what = first === 'target' ? 'Target Renstra' : 'Realisasi Renstra s.d. tahun lalu';
      const of = figure.split('.').slice(2).join('.');
      return of === 'rp' ? `${what} (Rp)` : `${what} ${of}`;
    }
    case 'output': {
      const quarter = figure.split('.').at(-1)!;
      const indicator = figure.slice('output.'.length, figure.length - quarter.length - 1);
      return QUARTER_NAMES[quarter] ? `Realisasi kinerja ${indicator} ${QUARTER_NAMES[quarter]}` : `Realisasi kinerja ${figure.slice(7)}`;
    }
    default:
      return figure;
  }
}

/** An indicator's direction as the papers word it; the import tables write it as naik / turun. */
export const DIRECTION_WORDS: Record<string, string> = {
  higher_is_better: 'makin tinggi makin baik',
  lower_is_better: 'makin rendah makin baik',
};

/** A history value for people: an indicator's direction in words ("Nilai SAKIP (nilai; makin tinggi makin baik)"). */
export function figureValueText(figure: string | null, value: string | null): string | null {
  if (value === null || !figure?.startsWith('indicator.')) return value;
  return value.replace(/; (higher_is_better|lower_is_better)\)$/, (_, direction: string) => `; ${DIRECTION_WORDS[direction]})`);
}
