import type { AsOf } from '@renja/domain';
import { changePagu, history, PMK_DID, realise, recordedAt, registered, stateOf } from '@renja/domain/testing/plan-line-fixtures';
import { foldLineView } from '../shared/line-view';
import type { ReportScope, StateReportLine } from '../shared/report-lines';

/**
 * The reference document's Pengembangan UMKM story, small: a program, its kegiatan and one sub kegiatan with the
 * APBD induk (Rp 518.553.447), the DID addition under PMK 170/PMK.07/2022 in November (Rp 5.627.000.000) and
 * the year's realisation (Rp 2.444.304.781, 39,77 %). Program and kegiatan carry no amounts of their own.
 */
export const PROGRAM = '2.17.08';
export const KEGIATAN = '2.17.08.1.01';
export const SUB_KEGIATAN = '2.17.08.1.01.0001';

const RECORDED = '2022-12-15T07:03:12.123456Z';

function line(code: string, name: string, commands: Parameters<typeof history>[1][], asOf: AsOf): StateReportLine {
  const events = recordedAt(RECORDED, history([registered(code)], ...commands));
  const state = stateOf(events);
  const data = state.line!;
  return { code, level: data.level, parentCode: data.parentCode, name, indicators: [], view: foldLineView(state, asOf), state };
}

/** `earlier`: realisation recorded for earlier quarters too, e.g. [['2022-Q3', '100000000.00']]. */
export function didScope(asOf: AsOf = {}, earlier: Array<[period: string, amount: string]> = []): ReportScope<StateReportLine> {
  return {
    year: 2022,
    office: { code: 'DKUKM', name: 'Dinas Koperasi, Usaha Kecil dan Menengah' },
    asOf,
    lines: [
      line(PROGRAM, 'Program Pengembangan UMKM', [], asOf),
      line(KEGIATAN, 'Pelaksanaan Pemberdayaan Usaha Menengah', [], asOf),
      line(
        SUB_KEGIATAN,
        'Fasilitasi Pengembangan Usaha Mikro',
        [
          changePagu('p-induk', { amount: '518553447.00' }),
          changePagu('p-did', {
            phase: 'APBD_P',
            fundingSource: 'DID',
            delta: '5627000000.00',
            legalBasis: PMK_DID,
            reason: 'Tambahan Dana Insentif Daerah (DID)',
            effectiveDate: '2022-11-24',
          }),
          ...earlier.map(([period, amount]) => realise(`r-${period}`, period, amount)),
          realise('r-q4', '2022-Q4', '2444304781.00'),
        ],
        asOf,
      ),
    ],
  };
}
