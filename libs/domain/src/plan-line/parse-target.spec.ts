import { parseRecordEvaluationNote } from '../evaluation-note/parse-evaluation-note';
import { parseOfficeSignatory, parseRegisterOffice } from '../office/parse-office';
import { parseRecordStatedFigure } from '../stated-figure/parse-stated-figure';
import { errorOf } from '../testing/error-of';
import { parseRecordRenstra, parseRegisterLine, parseReviseTarget } from './parse-target';

const target = { indicator: 'IK-1', value: '1250.5', reason: 'Renja perubahan', effectiveDate: '2022-03-01' };

describe('parsing at the edge: one parser per command, strict for the API, lenient for people', () => {
  it('reads a target revision into domain types', () => {
    const parsed = parseReviseTarget({ ...target, legalBasis: { kind: 'DPPA', number: '1/2022', date: '2022-02-28' } }, 'strict');
    expect(parsed.value.toString()).toBe('1250.5');
    expect([parsed.indicator, parsed.reason, parsed.effectiveDate, parsed.legalBasis?.kind]).toEqual([
      'IK-1',
      'Renja perubahan',
      '2022-03-01',
      'DPPA',
    ]);
    expect(parseReviseTarget(target, 'strict').legalBasis).toBeNull();
  });

  it('reads the Indonesian spellings of values and dates only in lenient mode, naming the field otherwise', () => {
    const sent = { ...target, value: '1.250,5', effectiveDate: '01/03/2022' };
    const lenient = parseReviseTarget(sent, 'lenient');
    expect([lenient.value.toString(), lenient.effectiveDate]).toEqual(['1250.5', '2022-03-01']);
    const value = errorOf(() => parseReviseTarget(sent, 'strict'));
    expect([value.rule, value.field]).toEqual(['VALUE_FORMAT', 'value']);
    const date = errorOf(() => parseReviseTarget({ ...target, effectiveDate: '01/03/2022' }, 'strict'));
    expect([date.rule, date.field]).toEqual(['DATE_FORMAT', 'effectiveDate']);
    // A canonical value keeps its meaning in lenient mode: "1.250" is one and a quarter, not 1250.
    expect(parseReviseTarget({ ...target, value: '1.250' }, 'lenient').value.toString()).toBe('1.25');
  });

  it('a spelling neither mode reads fails with the strict error, naming the field', () => {
    const error = errorOf(() => parseReviseTarget({ ...target, value: 'seratus' }, 'lenient'));
    expect([error.rule, error.field]).toEqual(['VALUE_FORMAT', 'value']);
  });

  it('Renstra Rupiah: strict takes the decimal string, lenient also "Rp 2.908.919.056"', () => {
    expect(parseRecordRenstra({ targetRp: 'Rp 2.908.919.056' }, 'lenient').targetRp?.toFixed(2)).toBe('2908919056.00');
    expect(errorOf(() => parseRecordRenstra({ targetRp: 'Rp 2.908.919.056' }, 'strict')).field).toBe('targetRp');
    expect(parseRecordRenstra({ targetRp: '5', effectiveDate: '' }, 'strict')).toMatchObject({ indicator: null, effectiveDate: null });
  });

  it('a line, an office and a signatory: codes normalised, texts within TEXT_LIMITS', () => {
    const line = parseRegisterLine({ year: 2022, officeCode: 'DKUKM', code: '2.17.07.1.01.01', name: ' Pemberdayaan ' }, 'strict');
    expect([line.code, line.name]).toEqual([
      { code: '2.17.07.1.01.0001', level: 'sub_kegiatan', parentCode: '2.17.07.1.01' },
      'Pemberdayaan',
    ]);
    expect(parseRegisterOffice({ code: ' dkukm ', name: 'Dinas KUKM' }, 'lenient')).toEqual({ code: 'DKUKM', name: 'Dinas KUKM' });
    expect(errorOf(() => parseRegisterOffice({ code: 'DKUKM', name: 'a'.repeat(301) }, 'strict')).rule).toBe('TEXT_TOO_LONG');
    const signatory = errorOf(() =>
      parseOfficeSignatory({ place: 'a'.repeat(101), title: 'Kepala', name: 'Budi', nip: '197001011990031001' }, 'strict'),
    );
    expect([signatory.rule, signatory.field]).toEqual(['TEXT_TOO_LONG', 'place']);
  });

  it('a stated figure: the phase as people write it, the value as written, only in lenient mode', () => {
    const sent = { year: 2022, officeCode: 'DKUKM', code: '2.17.07', label: 'Program', measure: 'pagu', phase: 'APBD Perubahan' };
    const parsed = parseRecordStatedFigure({ ...sent, value: '630.592.410', source: 'Tabel 2.1' }, 'lenient');
    expect([parsed.measure, parsed.phase, parsed.value.toString(), parsed.code?.code]).toEqual(['PAGU', 'APBD_P', '630592410', '2.17.07']);
    expect(errorOf(() => parseRecordStatedFigure({ ...sent, value: '630.592.410', source: 'Tabel 2.1' }, 'strict')).field).toBe('value');
  });

  it('an evaluation note: the quarter of the year, at least one text', () => {
    const note = parseRecordEvaluationNote({ year: 2022, officeCode: 'DKUKM', period: 'TW III', pendorong: 'Dukungan' }, 'strict');
    expect([note.period.key, note.code, note.penghambat]).toEqual(['2022-Q3', null, null]);
    expect(errorOf(() => parseRecordEvaluationNote({ year: 2022, officeCode: 'DKUKM', period: '2022-Q3' }, 'strict')).rule).toBe(
      'EVALUATION_NOTE_EMPTY',
    );
  });
});
