import { DeciderSpecification } from '../testing/decider-specification';
import { errorOf } from '../testing/error-of';
import { parseOfficeSignatory } from './parse-office';
import { officeDecider, type OfficeRegistered } from './office';
import { officeSignatoryDecider, type OfficeSignatorySet, type SetOfficeSignatory } from './office-signatory';

const given = DeciderSpecification.for(officeSignatoryDecider);
const registered: OfficeRegistered = { id: 'e1', type: 'office.registered', data: { code: 'DKUKM', name: 'Dinas KUKM' } };
/** As the API sends it: parsed by the domain's parser (strict), as every edge does before deciding. */
const set = (fields: { eventId?: string; place?: unknown; title?: unknown; name?: unknown; nip?: unknown } = {}): SetOfficeSignatory => {
  const { eventId = 'e2', ...sent } = fields;
  return {
    type: 'SetOfficeSignatory',
    eventId,
    office: 'DKUKM',
    ...parseOfficeSignatory(
      {
        place: ' Pangkalpinang ',
        title: 'Kepala Dinas Koperasi, Usaha Kecil dan Menengah',
        name: 'Budi Santoso, S.E., M.M.',
        nip: '19700101 199003 1 001',
        ...sent,
      },
      'strict',
    ),
  };
};
const signatorySet: OfficeSignatorySet = {
  id: 'e2',
  type: 'office.signatory-set',
  data: {
    place: 'Pangkalpinang',
    title: 'Kepala Dinas Koperasi, Usaha Kecil dan Menengah',
    name: 'Budi Santoso, S.E., M.M.',
    nip: '197001011990031001',
  },
};

describe('office signatory decider', () => {
  it('records who signs, the NIP without its spaces', () => {
    const state = given([registered]).when(set()).then([signatorySet]);
    expect(state.signatory?.nip).toBe('197001011990031001');
  });

  it('a later signatory replaces the earlier one', () => {
    const next = { ...signatorySet, id: 'e3', data: { ...signatorySet.data, name: 'Siti Aminah' } };
    const state = given([registered, signatorySet])
      .when(set({ eventId: 'e3', name: 'Siti Aminah' }))
      .then([next]);
    expect(state.signatory?.name).toBe('Siti Aminah');
  });

  it.each(['1970010119900310', '19700101199003100A', '', 19700101])('refuses the NIP %p', (nip) => {
    const error = errorOf(() => set({ nip }));
    expect([error.rule, error.kind, error.field]).toEqual(['NIP_FORMAT', 'invalid', 'nip']);
  });

  it('refuses an empty title and an office that is not registered', () => {
    expect(errorOf(() => set({ title: ' ' })).rule).toBe('TEXT_REQUIRED');
    given([]).when(set()).thenThrows('OFFICE_NOT_REGISTERED', 'not_found');
  });

  it('the office decider does not take a signatory for a registration, however it is labelled', () => {
    const folded = [registered, { ...signatorySet, type: 'office.registered' } as unknown as OfficeRegistered].reduce(
      officeDecider.evolve,
      officeDecider.initialState(),
    );
    expect(folded).toEqual({ code: 'DKUKM', name: 'Dinas KUKM' });
  });
});
