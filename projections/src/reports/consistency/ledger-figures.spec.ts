import type { StatedFigureData } from '@renja/domain';
import { didScope, PROGRAM } from '../testing/did-scope';
import { ledgerFigure } from './ledger-figures';

const stated = (fields: Partial<StatedFigureData>): StatedFigureData => ({
  year: 2022,
  officeCode: 'DKUKM',
  code: null,
  label: 'Dinas',
  measure: 'PAGU',
  phase: 'APBD_P',
  period: null,
  indicator: null,
  value: '0',
  source: 'Tabel 2.1',
  note: null,
  ...fields,
});

describe('ledgerFigure explains in Indonesian how it computed each figure', () => {
  const { lines } = didScope();

  it('pagu and realisation: what was summed, over which lines', () => {
    expect(ledgerFigure(stated({}), lines)).toEqual({
      value: '6145553447.00',
      explanation: 'jumlah pagu APBD-P dari seluruh baris perangkat daerah',
    });
    expect(ledgerFigure(stated({ code: PROGRAM, measure: 'REALISASI', phase: null, period: '2022-Q4' }), lines)).toEqual({
      value: '2444304781.00',
      explanation: `jumlah realisasi s.d. TW IV 2022 dari baris ${PROGRAM} beserta baris di bawahnya (3 baris)`,
    });
  });

  it('serapan: the division with both amounts written as Rupiah', () => {
    expect(ledgerFigure(stated({ measure: 'SERAPAN', phase: null }), lines)).toEqual({
      value: '39.77',
      explanation:
        'realisasi setahun penuh (Rp 2.444.304.781,00) ÷ pagu kini (Rp 6.145.553.447,00) × 100, atas seluruh baris perangkat daerah',
    });
  });

  it('says why a figure cannot be computed', () => {
    expect(ledgerFigure(stated({ code: '2.17.99', measure: 'PAGU' }), lines)).toEqual({
      value: null,
      explanation: 'baris 2.17.99 tidak terdaftar di ledger',
    });
    expect(ledgerFigure(stated({ measure: 'TARGET', phase: null, indicator: 'Jumlah UMKM' }), lines)).toEqual({
      value: null,
      explanation: 'tidak ada indikator "Jumlah UMKM" pada baris ini atau di bawahnya',
    });
  });
});
