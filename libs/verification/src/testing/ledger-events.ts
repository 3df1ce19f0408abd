import { randomUUID } from 'node:crypto';
import { lineStreamId, officeStreamId, type LineEvent, type OfficeRegistered } from '@renja/domain';
import type { StreamAppend } from '@renja/event-store';
import { toNewEvent } from '@renja/event-store/event-mapping';

/**
 * A small but realistic ledger for the verification specs: three offices (one code with a dash
 * that starts like another: DINKES and DINKES-KAB), two fiscal years, a program / kegiatan /
 * sub kegiatan per office and year, APBD pagu, a budget shift (one append to two streams) and
 * quarterly realisations — appended in rounds so the streams interleave in the global log.
 */
export const OFFICES = ['DKUKM', 'DINKES', 'DINKES-KAB'] as const;
export const YEARS = [2022, 2023] as const;
const PROGRAMS: Record<string, string> = { DKUKM: '2.17.07', DINKES: '1.02.02', 'DINKES-KAB': '1.02.03' };
const PERDA = { kind: 'Perda', number: '12 Tahun 2021', date: '2021-12-30' };
const PERKADA = { kind: 'Perkada', number: '25 Tahun 2022', date: '2022-06-15' };

export const linesOf = (office: string): string[] => {
  const program = PROGRAMS[office];
  return [program, `${program}.1.01`, `${program}.1.01.0001`];
};

const context = () => ({ actor: 'Inspektur Test', correlationId: randomUUID() });
const base = (effectiveDate: string, reason: string | null, legalBasis: typeof PERDA | null = null) => ({
  id: randomUUID(),
  effectiveDate,
  reason,
  legalBasis,
});

function append(streamId: string, events: Array<LineEvent | OfficeRegistered>): StreamAppend {
  const ctx = context();
  return { streamId, expectedVersion: 'any', events: events.map((e) => toNewEvent(e, ctx)) };
}

/** Every append of the sample ledger, in order; each inner array is one appendMany (one transaction). */
export function sampleLedger(): StreamAppend[][] {
  const rounds: StreamAppend[][] = [];
  for (const office of OFFICES) {
    rounds.push([
      append(officeStreamId(office), [{ id: randomUUID(), type: 'office.registered', data: { code: office, name: `Dinas ${office}` } }]),
    ]);
  }
  for (const year of YEARS) {
    for (const office of OFFICES) {
      const [program, kegiatan, sub] = linesOf(office);
      for (const [code, level, parentCode] of [
        [program, 'program', null],
        [kegiatan, 'kegiatan', program],
        [sub, 'sub_kegiatan', kegiatan],
      ] as const) {
        const data = { year, officeCode: office, code, level, parentCode, name: `Kegiatan ${code}` };
        rounds.push([append(lineStreamId(year, office, code), [{ ...base(`${year}-01-01`, null), type: 'plan-line.registered', data }])]);
      }
      for (const code of [kegiatan, sub]) {
        const data = { phase: 'APBD' as const, fundingSource: 'DAU', operation: 'set' as const, amount: '653027794.00' };
        rounds.push([
          append(lineStreamId(year, office, code), [{ ...base(`${year}-01-03`, 'APBD murni', PERDA), type: 'pagu.changed', data }]),
        ]);
      }
      const shiftId = randomUUID();
      const leg = (direction: 'out' | 'in', counterpartCode: string) => ({
        shiftId,
        phase: 'PERGESERAN' as const,
        direction,
        counterpartCode,
        fundingSource: 'DAU',
        amount: '25000000.00',
      });
      rounds.push([
        append(lineStreamId(year, office, kegiatan), [
          { ...base(`${year}-06-20`, 'pergeseran', PERKADA), type: 'pagu.shifted', data: leg('out', sub) },
        ]),
        append(lineStreamId(year, office, sub), [
          { ...base(`${year}-06-20`, 'pergeseran', PERKADA), type: 'pagu.shifted', data: leg('in', kegiatan) },
        ]),
      ]);
    }
    for (const quarter of [1, 2, 3]) {
      for (const office of OFFICES) {
        const data = { period: `${year}-Q${quarter}`, amount: `${95 + quarter * 10}000000.00`, outputs: [] };
        rounds.push([
          append(lineStreamId(year, office, linesOf(office)[2]), [
            { ...base(`${year}-0${quarter * 3}-30`, null), type: 'realisation.recorded', data },
          ]),
        ]);
      }
    }
  }
  return rounds;
}
