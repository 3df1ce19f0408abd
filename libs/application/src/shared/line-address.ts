import { assertFiscalYear, lineStreamId, parseOfficeCode, parsePlanCode, type PlanCode } from '@renja/domain';

/** A plan line as addressed in a URL: fiscal year, office code, line code — validated and normalised. */
export interface LineAddress extends PlanCode {
  year: number;
  officeCode: string;
  streamId: string;
}

export function lineAddress(year: number, office: string, code: string): LineAddress {
  const y = assertFiscalYear(year);
  const officeCode = parseOfficeCode(office, 'office');
  const planCode = parsePlanCode(code, 'code');
  return { ...planCode, year: y, officeCode, streamId: lineStreamId(y, officeCode, planCode.code) };
}
