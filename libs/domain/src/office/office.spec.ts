import { DeciderSpecification } from '../testing/decider-specification';
import { errorOf } from '../testing/error-of';
import { officeDecider, parseOfficeCode, type OfficeRegistered, type RegisterOffice } from './office';
import { parseRegisterOffice } from './parse-office';
import { officeStreamId } from '../streams';

const given = DeciderSpecification.for(officeDecider);
/** As the API sends it: parsed by the domain's parser (strict), as every edge does before deciding. */
const register = (fields: { eventId?: string; code?: unknown; name?: unknown } = {}): RegisterOffice => {
  const { eventId = 'evt-office-1', ...sent } = fields;
  return {
    type: 'RegisterOffice',
    eventId,
    ...parseRegisterOffice({ code: 'DKUKM', name: 'Dinas Koperasi, Usaha Kecil dan Menengah', ...sent }, 'strict'),
  };
};
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

  // The registration is parsed at the edge (parseRegisterOffice), before anything is decided.
  it.each([['DK UKM'], ['-DKUKM'], [''], ['A'.repeat(41)], [42], [undefined]])('refuses the code %p', (code) => {
    const error = errorOf(() => register({ code }));
    expect([error.rule, error.kind, error.field]).toEqual(['OFFICE_CODE_FORMAT', 'invalid', 'code']);
  });

  it('requires a name', () => {
    const error = errorOf(() => register({ name: '  ' }));
    expect([error.rule, error.kind, error.field]).toEqual(['TEXT_REQUIRED', 'invalid', 'name']);
  });

  it('has one stream per office', () => {
    expect(officeStreamId(parseOfficeCode('dkukm'))).toBe('office-DKUKM');
  });
});
