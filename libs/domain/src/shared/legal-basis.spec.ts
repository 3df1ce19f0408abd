import { parseLegalBasis, parseReason, requireLegalBasisAndReason } from './legal-basis';
import { errorOf } from '../testing/error-of';

describe('legal basis and reason', () => {
  it('parses and trims a legal basis', () => {
    expect(parseLegalBasis({ kind: ' PMK ', number: '170/PMK.07/2022', date: '2022-11-22' })).toEqual({
      kind: 'PMK',
      number: '170/PMK.07/2022',
      date: '2022-11-22',
    });
    expect(parseLegalBasis(undefined)).toBeNull();
  });

  it('names the bad part of a legal basis', () => {
    expect(errorOf(() => parseLegalBasis('PMK 170')).rule).toBe('LEGAL_BASIS_FORMAT');
    expect(errorOf(() => parseLegalBasis({ kind: 'PMK', number: '', date: '2022-11-22' })).field).toBe('legalBasis.number');
    expect(errorOf(() => parseLegalBasis({ kind: 'PMK', number: '170', date: '2022-02-30' })).field).toBe('legalBasis.date');
  });

  it('limits text length after trimming', () => {
    expect(parseReason(`  ${'a'.repeat(2000)}  `)).toBe('a'.repeat(2000));
    expect(errorOf(() => parseReason('a'.repeat(2001))).rule).toBe('TEXT_TOO_LONG');
  });

  it('requires both a legal basis and a reason, as broken rules', () => {
    const lb = { kind: 'Perda', number: '5', date: '2022-10-20' };
    expect(requireLegalBasisAndReason(lb, 'APBD-P', 'x')).toEqual({ legalBasis: lb, reason: 'APBD-P' });
    expect([
      errorOf(() => requireLegalBasisAndReason(null, 'APBD-P', 'x')).rule,
      errorOf(() => requireLegalBasisAndReason(null, 'r', 'x')).kind,
    ]).toEqual(['LEGAL_BASIS_REQUIRED', 'rule']);
    expect(errorOf(() => requireLegalBasisAndReason(lb, null, 'x')).rule).toBe('REASON_REQUIRED');
  });
});
