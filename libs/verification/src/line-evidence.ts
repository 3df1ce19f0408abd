import { Writable } from 'node:stream';
import type { Pool } from 'pg';
import { lineStreamId } from '@renja/domain';
import type { EventLine, ExportHeader } from './export-format';
import { writeExport } from './write-export';

/** What a browser needs to verify one line on its own: a partial export (docs/verification.md §4) and what is not signed yet. */
export interface LineEvidence {
  header: ExportHeader;
  events: EventLine[];
  /** The line's events recorded after the checkpoint (in the next one). */
  pending: number;
}

/** Lines written by writeExport, kept in memory (one line's events are few). */
class Lines extends Writable {
  readonly values: unknown[] = [];
  override _write(chunk: Buffer | string, _encoding: BufferEncoding, done: (error?: Error | null) => void): void {
    for (const line of chunk.toString().split('\n')) if (line !== '') this.values.push(JSON.parse(line));
    done();
  }
}

/** The partial export of one line against the latest checkpoint (which must exist), produced by writeExport itself. */
export async function lineEvidence(
  pool: Pool,
  verifierKey: string,
  line: { year: number; office: string; code: string },
): Promise<LineEvidence> {
  const out = new Lines();
  const summary = await writeExport(pool, out, { filter: { office: line.office, year: line.year, line: line.code }, verifierKey });
  const [header, ...events] = out.values as [ExportHeader, ...EventLine[]];
  const { rows } = await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM ledger_events WHERE stream_id = $1 AND position > $2', [
    lineStreamId(line.year, line.office, line.code),
    summary.size,
  ]);
  return { header, events, pending: rows[0].n };
}
