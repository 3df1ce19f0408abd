import { buildCorrection, EMPTY_VALUES, formField, readAmount } from './correction-body';

const recorded = { phase: 'APBD', fundingSource: 'DID', amount: '653027794.00', effectiveDate: '2022-01-03' };
const form = { ...EMPTY_VALUES, ...recorded, reason: 'Salah input' };
const legal = { legalKind: 'DPA', legalNumber: '1/DPA/2022', legalDate: '2022-01-03' };

describe('the correction body', () => {
  it('sends only the figures that differ from the recorded entry, as exact decimal strings', () => {
    const result = buildCorrection('pagu', false, { ...form, ...legal, amount: '1653027794.00' }, recorded);
    expect(result.body).toEqual({
      reason: 'Salah input',
      legalBasis: { kind: 'DPA', number: '1/DPA/2022', date: '2022-01-03' },
      amount: '1653027794.00',
    });
  });

  it('sends no figure for a reversal, and refuses a Koreksi that changes nothing', () => {
    expect(buildCorrection('pagu', true, form, recorded).body).toEqual({ reason: 'Salah input' });
    expect(buildCorrection('pagu', false, form, recorded).errors).toEqual({ amount: { key: 'correct.err.nothingChanged' } });
  });

  it('names the fields in error: reason, a partial dasar hukum, an amount it cannot read', () => {
    const result = buildCorrection('realisation', false, { ...form, reason: ' ', legalKind: 'DPA', amount: 'satu juta' }, {});
    expect(result.errors).toEqual({
      reason: { key: 'correct.err.REASON_REQUIRED' },
      legalNumber: { key: 'correct.err.legalPartial' },
      legalDate: { key: 'correct.err.legalPartial' },
      amount: { key: 'correct.err.amount' },
    });
  });

  it("reads amounts the importer's way (signed only for a delta) and maps the server fields to inputs", () => {
    expect(readAmount(' 95000000.5 ')).toBe('95000000.5');
    expect(readAmount('1.653.027.794,00')).toBe('1653027794.00');
    expect(readAmount('Rp 1.000')).toBe('1000');
    expect(readAmount('satu juta')).toBeNull();
    expect(readAmount('-1000.00')).toBeNull();
    expect(readAmount('-1.000,00', true)).toBe('-1000.00');
    expect(readAmount('1,2,3')).toBeNull();
    expect(formField('legalBasis')).toBe('legalKind');
    expect(formField('legalBasis.date')).toBe('legalDate');
    expect(formField('amount')).toBe('amount');
    expect(formField('eventId')).toBeNull();
  });
});
