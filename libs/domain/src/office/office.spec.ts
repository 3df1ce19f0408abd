import { DeciderSpecification } from '../testing/decider-specification';
import { officeDecider, parseOfficeCode, type OfficeRegistered, type RegisterOffice } from './office';
import { officeStreamId } from '../streams';

const given = DeciderSpecification.for(officeDecider);
const register = (fields: Partial<RegisterOffice> = {}): RegisterOffice => ({
  type: 'RegisterOffice',
  eventId: 'evt-office-1',
  code: 'DKUKM',
  name: 'Dinas Koperasi, Usaha Kecil dan Menengah',
  ...fields,
});
const registered: OfficeRegistered = {
  id: 'evt-office-1',
  type: 'office.registered',
  data: { code: 'DKUKM', name: 'Dinas Koperasi, Usaha Kecil dan Menengah' },
};

describe('office decider', () => {
  it('registers an office', () => {
    const state = given([]).when(register()).then([registered]);
    expect(state).toEqual({ code: 'DKUKM', name: 'Dinas Koperasi, Usaha Kecil dan Menengah' });
  });

  it('normalises the code to upper case and trims the name', () => {
    given([])
      .when(register({ eventId: 'e2', code: ' dkukm ', name: '  Dinas KUKM ' }))
      .then([{ id: 'e2', type: 'office.registered', data: { code: 'DKUKM', name: 'Dinas KUKM' } }]);
  });

  it('accepts a Permendagri-style numeric code', () => {
    given([])
      .when(register({ code: '2.17.0.00.0.00.01.0000' }))
      .then([{ ...registered, data: { ...registered.data, code: '2.17.0.00.0.00.01.0000' } }]);
  });

  it('refuses a second registration as a conflict', () => {
    given([registered])
      .when(register({ eventId: 'evt-office-2' }))
      .thenThrows('OFFICE_ALREADY_REGISTERED', 'conflict');
  });

  it.each([['DK UKM'], ['-DKUKM'], [''], ['A'.repeat(41)], [42], [undefined]])('refuses the code %p', (code) => {
    const error = given([]).when(register({ code })).thenThrows('OFFICE_CODE_FORMAT', 'invalid');
    expect(error.field).toBe('code');
  });

  it('requires a name', () => {
    const error = given([])
      .when(register({ name: '  ' }))
      .thenThrows('TEXT_REQUIRED', 'invalid');
    expect(error.field).toBe('name');
  });

  it('has one stream per office', () => {
    expect(officeStreamId(parseOfficeCode('dkukm'))).toBe('office-DKUKM');
  });
});
