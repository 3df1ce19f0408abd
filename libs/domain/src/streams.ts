/** Stream naming: one stream per office, one per plan line and fiscal year. */
export const officeStreamId = (officeCode: string) => `office-${officeCode}`;
export const lineStreamId = (year: number, officeCode: string, lineCode: string) => `line-${year}-${officeCode}-${lineCode}`;
export const isLineStream = (streamId: string) => streamId.startsWith('line-');
