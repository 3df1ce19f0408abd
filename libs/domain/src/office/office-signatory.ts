import type { Decider } from '../shared/decider';
import { invalid, notFound } from '../shared/errors';
import { msg } from '../shared/messages/message';
import { OFFICE_EVENT_TYPES, type OfficeRegistered } from './office';

/**
 * Who signs an office's papers, printed in the signature block of every PDF: "Pangkalpinang, 31 Januari
 * 2023", "Kepala Dinas Koperasi, Usaha Kecil dan Menengah", the name and the NIP. A new signatory (a new
 * head of office, a new title) is a new event; the latest one is the one printed.
 */
export const OFFICE_SIGNATORY_SET = 'office.signatory-set' as const;

export interface OfficeSignatoryData {
  /** Where the office signs: "Pangkalpinang". */
  place: string;
  /** "Kepala Dinas Koperasi, Usaha Kecil dan Menengah". */
  title: string;
  name: string;
  /** 18 digits, stored without spaces. */
  nip: string;
}

export interface OfficeSignatorySet {
  id: string;
  type: typeof OFFICE_SIGNATORY_SET;
  data: OfficeSignatoryData;
}

export interface SetOfficeSignatory {
  type: 'SetOfficeSignatory';
  eventId: string;
  office: string;
  /** Parsed at the edge (parseOfficeSignatory): texts within TEXT_LIMITS, the NIP as 18 digits. */
  place: string;
  title: string;
  name: string;
  nip: string;
}

export interface OfficeSignatoryState {
  registered: boolean;
  signatory: OfficeSignatoryData | null;
}

export type OfficeStreamEvent = OfficeRegistered | OfficeSignatorySet;

/**
 * A NIP (Nomor Induk Pegawai) is 18 digits: birth date (8), TMT CPNS (6), sex (1), sequence (3). Often written
 * grouped ("19700101 199003 1 001"): spaces are dropped.
 */
/** A NIP as the API takes it: 18 digits, single spaces allowed between them ("19700101 199003 1 001"). */
export const NIP_AS_SENT = /^(\d ?){17}\d$/;

export function parseSignatoryNip(value: unknown, field = 'nip'): string {
  const digits = typeof value === 'string' ? value.replace(/ /g, '') : '';
  if (!/^\d{18}$/.test(digits)) throw invalid(field, msg('NIP_FORMAT.required'), 'NIP_FORMAT');
  return digits;
}

/** Decides on the whole office stream: its registration and every signatory set since. */
export const officeSignatoryDecider: Decider<SetOfficeSignatory, OfficeStreamEvent, OfficeSignatoryState> = {
  initialState: () => ({ registered: false, signatory: null }),
  decide(command, state) {
    if (!state.registered) throw notFound('OFFICE_NOT_REGISTERED', msg('OFFICE_NOT_REGISTERED', { office: command.office }), 'office');
    const { place, title, name, nip } = command;
    const data: OfficeSignatoryData = { place, title, name, nip };
    return [{ id: command.eventId, type: OFFICE_SIGNATORY_SET, data }];
  },
  evolve: (state, event) =>
    event.type === OFFICE_EVENT_TYPES.registered ? { ...state, registered: true } : { ...state, signatory: event.data },
};
