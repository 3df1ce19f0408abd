/** Stream naming: one stream per office, one per plan line and fiscal year. */
export const officeStreamId = (officeCode: string) => `office-${officeCode}`;
export const lineStreamId = (year: number, officeCode: string, lineCode: string) => `line-${year}-${officeCode}-${lineCode}`;
export const isLineStream = (streamId: string) => streamId.startsWith('line-');
/** Faktor pendorong / penghambat / tindak lanjut of an office's evaluation: one stream per office and fiscal year. */
export const evaluationNoteStreamId = (officeCode: string, year: number) => `evaluation-note-${officeCode}-${year}`;
