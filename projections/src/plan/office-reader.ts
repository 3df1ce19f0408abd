import { msg, notFound, type OfficeSignatoryData } from '@renja/domain';
import type { SqlRunner } from '../shared/sql-runner';

/** An office of the plan read model (rm_offices), as OfficeView maps it. */
export interface OfficeRecord {
  code: string;
  name: string;
  registeredAt: string;
  registeredBy: string;
  lastPosition: number;
  signatory: OfficeSignatoryData | null;
}

/** A registered office, or 404 OFFICE_NOT_REGISTERED naming the field `office`. Needs no TypeORM (the CLI's reports). */
export async function readOffice(sql: SqlRunner, code: string): Promise<OfficeRecord> {
  const rows = await sql.query<Omit<OfficeRecord, 'lastPosition'> & { lastPosition: string }>(
    `SELECT code, name, registered_at AS "registeredAt", registered_by AS "registeredBy", last_position AS "lastPosition", signatory
       FROM rm_offices WHERE code = $1`,
    [code],
  );
  if (rows.length === 0) throw notFound('OFFICE_NOT_REGISTERED', msg('OFFICE_NOT_REGISTERED', { office: code }), 'office');
  return { ...rows[0], lastPosition: Number(rows[0].lastPosition) };
}
