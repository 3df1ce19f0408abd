/**
 * A row naming an office the ledger does not know and a row naming an office outside the importing
 * user's offices get one answer: telling them apart would tell an outsider which offices exist (and a
 * typo is not a permission problem). Rows the user's roles may not record at all stay FORBIDDEN.
 */
export const OFFICE_UNKNOWN = 'OFFICE_UNKNOWN';

export const officeUnknownMessage = (office: string) =>
  `Perangkat Daerah: kode perangkat daerah "${office}" tidak dikenal atau di luar kantor Anda. Periksa ejaan kodenya (misalnya DKUKM); kantor yang boleh Anda isi tercantum pada token atau sesi Anda.`;

/** A koreksi row naming an event of an office outside the user's: answered as an unknown event. */
export const eventUnknownMessage = (eventId: string) => `no event with id ${eventId} is recorded`;
