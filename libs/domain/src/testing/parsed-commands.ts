import type { RecordRenstra, RegisterLine, ReviseTarget } from '../plan-line/commands';
import { parseRecordRenstra, parseRegisterLine, parseReviseTarget } from '../plan-line/parse-target';

/**
 * Commands as the API sends them, parsed by the domain's parsers in their strict mode, as every edge
 * does before anything is decided.
 */
export const reviseTarget = ({ eventId, ...sent }: { eventId: string } & Record<string, unknown>): ReviseTarget => ({
  type: 'ReviseTarget',
  eventId,
  ...parseReviseTarget(sent, 'strict'),
});

export const recordRenstra = ({ eventId, ...sent }: { eventId: string } & Record<string, unknown>): RecordRenstra => ({
  type: 'RecordRenstra',
  eventId,
  ...parseRecordRenstra(sent, 'strict'),
});

export const registerLineSent = ({
  eventId,
  year,
  officeCode,
  code,
  name,
  officeRegistered = true,
  parentRegistered = true,
}: {
  eventId: string;
  year: number;
  officeCode: string;
  code?: unknown;
  name?: unknown;
  officeRegistered?: boolean;
  parentRegistered?: boolean;
}): RegisterLine => ({
  type: 'RegisterLine',
  eventId,
  ...parseRegisterLine({ year, officeCode, code, name }, 'strict'),
  officeRegistered,
  parentRegistered,
});
