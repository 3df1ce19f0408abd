import { Money } from '@renja/domain';

/** Predikat kinerja of the Permendagri 86/2017 evaluation. */
export type Predikat = 'ST' | 'T' | 'S' | 'R' | 'SR';

export const PREDIKAT_NAMES: Record<Predikat, string> = { ST: 'Sangat Tinggi', T: 'Tinggi', S: 'Sedang', R: 'Rendah', SR: 'Sangat Rendah' };

const BANDS: Array<[number, Predikat]> = [
  [91, 'ST'],
  [76, 'T'],
  [66, 'S'],
  [51, 'R'],
];

/** Bands on the capaian as shown (two places): ≥ 91 ST, ≥ 76 T, ≥ 66 S, ≥ 51 R, otherwise SR. Missing stays missing. */
export function predikatOf(capaian: string | null): Predikat | null {
  if (capaian === null) return null;
  const value = new Money(capaian);
  return BANDS.find(([floor]) => value.greaterThanOrEqualTo(floor))?.[1] ?? 'SR';
}

/** Mean of the capaian values shown, to two places; null when there is none. */
export function averageOf(values: Array<string | null>): string | null {
  const present = values.filter((v): v is string => v !== null);
  if (present.length === 0) return null;
  return present
    .reduce((s, v) => s.plus(v), new Money(0))
    .div(present.length)
    .toFixed(2);
}
