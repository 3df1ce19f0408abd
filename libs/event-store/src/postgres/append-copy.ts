import type { PoolClient } from 'pg';
import type { EventColumns } from './append-plan';
import type { GroupWrite } from './append-group';
import { copyField, copyIn } from './copy-from';
import * as sql from './sql';

/**
 * Rows per buffer sent to COPY: bounds the size of each string built, not the statement. Each buffer is made
 * while the server parses and inserts the one before (copyIn with an iterator), so smaller buffers let the
 * server start sooner; much smaller ones cost a turn of the event loop and a socket write each.
 */
const ROWS_PER_CHUNK = 500;

/** The events as text-format COPY rows (the columns of sql.COPY_EVENTS), in buffers of ROWS_PER_CHUNK rows, each made when asked for. */
export function* eventCopyChunks(c: EventColumns, rowsPerChunk = ROWS_PER_CHUNK): Generator<Buffer, void, undefined> {
  for (let start = 0; start < c.positions.length; start += rowsPerChunk) {
    let text = '';
    for (let i = start; i < Math.min(start + rowsPerChunk, c.positions.length); i++) {
      // positions, versions and schema versions are integers and ids are UUIDs: nothing to escape
      text += `${c.positions[i]}\t${c.ids[i]}\t${copyField(c.streamIds[i])}\t${c.versions[i]}\t${copyField(c.types[i])}\t${c.schemaVersions[i]}\t${copyField(c.data[i])}\t${copyField(c.metadata[i])}\n`;
    }
    yield Buffer.from(text);
  }
}

/**
 * Writes a large group's rows — the head, the idempotency records, the events — with the events sent by
 * COPY in place of one INSERT of column arrays, in the caller's transaction. The same rows, the same
 * constraints and triggers (a duplicate event id fails the COPY as it fails the INSERT), so the same
 * outcome; returns the recorded times the trigger set, in position order. The rows are made buffer by buffer
 * while the server inserts the ones sent (eventCopyChunks).
 */
export async function writeGroupByCopy(client: PoolClient, write: GroupWrite): Promise<string[]> {
  const c = write.columns;
  await client.query({ ...sql.WRITE_HEAD_AND_KEYS, values: [write.lastPosition, write.keys, write.requestHashes, write.results] });
  const copied = await copyIn(client, sql.COPY_EVENTS, eventCopyChunks(c));
  if (copied !== c.positions.length) throw new Error(`COPY wrote ${copied} of ${c.positions.length} events`);
  const { rows } = await client.query<{ recorded_at: string }>({
    ...sql.READ_RECORDED_AT,
    values: [c.positions[0], c.positions[c.positions.length - 1]],
  });
  return rows.map((r) => r.recorded_at);
}
