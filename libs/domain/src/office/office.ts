import type { Decider } from '../shared/decider';
import { conflict, invalid } from '../shared/errors';
import { msg } from '../shared/messages/message';

/** A regional office (perangkat daerah, OPD), e.g. Dinas Koperasi, Usaha Kecil dan Menengah. */
export const OFFICE_EVENT_TYPES = { registered: 'office.registered' } as const;

export interface OfficeRegistered {
  id: string;
  type: typeof OFFICE_EVENT_TYPES.registered;
  data: { code: string; name: string };
}

/** Parsed at the edge (parseRegisterOffice): the code normalised, the name within its limit. */
export interface RegisterOffice {
  type: 'RegisterOffice';
  eventId: string;
  code: string;
  name: string;
}

export interface OfficeState {
  code: string | null;
  name: string | null;
}

/** Office codes: letters, digits, dots and dashes, e.g. "DKUKM" or "2.17.0.00.0.00.01.0000". */
const OFFICE_CODE = /^[A-Za-z0-9][A-Za-z0-9.-]{0,39}$/;

export function parseOfficeCode(value: unknown, field = 'code'): string {
  if (typeof value !== 'string' || !OFFICE_CODE.test(value.trim())) {
    throw invalid(field, msg('OFFICE_CODE_FORMAT'), 'OFFICE_CODE_FORMAT');
  }
  return value.trim().toUpperCase();
}

export const officeDecider: Decider<RegisterOffice, OfficeRegistered, OfficeState> = {
  initialState: () => ({ code: null, name: null }),
  decide(command, state) {
    const { code, name } = command;
    if (state.code) throw conflict('OFFICE_ALREADY_REGISTERED', msg('OFFICE_ALREADY_REGISTERED', { office: code }), 'code');
    return [{ id: command.eventId, type: OFFICE_EVENT_TYPES.registered, data: { code, name } }];
  },
  // The office stream also carries who signs its papers (office-signatory.ts): only a registration, which
  // always has a code, registers; a stream folded whole with every event labelled a registration stays right.
  evolve: (state, event) =>
    event.type === OFFICE_EVENT_TYPES.registered && typeof event.data.code === 'string'
      ? { ...state, code: event.data.code, name: event.data.name }
      : state,
};
