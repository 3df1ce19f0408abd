import type { PoolClient } from 'pg';

/**
 * COPY ... FROM STDIN with the plain `pg` client, which has no COPY helper (pg-copy-streams is not a
 * dependency): a query object in pg's "submittable" form that answers the server's CopyInResponse with
 * buffers of text-format rows. It runs on the caller's client, so inside the caller's transaction.
 */
interface CopyConnection {
  /** pg's socket: a CopyData message can be written to it as its 5-byte header and the chunk itself. */
  stream?: { writable?: boolean; write(data: Buffer): boolean };
  query(text: string): void;
  sendCopyFromChunk(chunk: Buffer): void;
  endCopyFrom(): void;
  sendCopyFail(message: string): void;
}

/**
 * The rows to send: buffers ready (all written at once), or an iterator that makes each buffer when it is
 * asked for. An iterator's next buffer is made in a later turn of the event loop than the one before was
 * written, so the server parses and inserts a buffer while the client makes the next.
 */
export type CopyChunks = Buffer[] | Iterator<Buffer>;

export class CopyFromBuffer {
  callback?: (error: Error | null, rows: number) => void;
  private rows = 0;
  private settled = false;
  /** An error of the iterator making the rows: the COPY was failed with it, and the caller gets it as it is. */
  private failure: Error | null = null;

  constructor(
    private readonly text: string,
    private readonly chunks: CopyChunks,
  ) {}

  submit(connection: CopyConnection): void {
    connection.query(this.text);
  }
  handleCopyInResponse(connection: CopyConnection): void {
    if (Array.isArray(this.chunks)) {
      for (const chunk of this.chunks) sendChunk(connection, chunk);
      connection.endCopyFrom();
      return;
    }
    const chunks = this.chunks;
    const pump = (): void => {
      // Settled: the server refused the COPY (an error ends it; what is still sent is discarded). Stop making rows.
      if (this.settled) return;
      let next: IteratorResult<Buffer>;
      try {
        next = chunks.next();
      } catch (error) {
        // CopyFail makes the server end the COPY with an error, so the transaction cannot commit what was sent.
        this.failure = error instanceof Error ? error : new Error(String(error));
        connection.sendCopyFail(`the client failed to make the rows: ${this.failure.message}`);
        return;
      }
      if (next.done) {
        connection.endCopyFrom();
        return;
      }
      sendChunk(connection, next.value);
      setImmediate(pump);
    };
    pump();
  }
  handleCommandComplete(message: { text: string }): void {
    this.rows = Number(/COPY (\d+)/.exec(message.text)?.[1] ?? 0);
  }
  // pg forgets the active query when an error arrives, so the ReadyForQuery that follows never reaches
  // it: settle on the error itself (as pg's own Query does), or the caller would wait forever.
  handleError(error: Error): void {
    this.settle(error);
  }
  handleReadyForQuery(): void {
    this.settle(null);
  }
  private settle(error: Error | null): void {
    if (this.settled) return;
    this.settled = true;
    this.callback?.(this.failure ?? error, this.rows);
  }
  handleRowDescription(): void {}
  handleDataRow(): void {}
  handleEmptyQuery(): void {}
  handlePortalSuspended(): void {}
  handleCopyData(): void {}
}

function sendChunk(connection: CopyConnection, chunk: Buffer): void {
  const stream = connection.stream;
  if (stream?.writable && typeof stream.write === 'function') {
    // The same CopyData message pg's sendCopyFromChunk sends, without copying the chunk (megabytes) into
    // pg's message buffer first: its header ('d', then the length of the message after the type byte),
    // then the chunk as it is. The socket keeps the order of writes.
    const header = Buffer.allocUnsafe(5);
    header[0] = 0x64;
    header.writeInt32BE(chunk.length + 4, 1);
    stream.write(header);
    stream.write(chunk);
  } else connection.sendCopyFromChunk(chunk);
}

/** One text-format COPY field: backslash, tab, newline and carriage return escaped; null as \N. */
export function copyField(value: string | number | null): string {
  if (value === null) return '\\N';
  return String(value).replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));
}

/**
 * Sends `data` (rows in the statement's format, text rows each ending in a newline) with `COPY … FROM STDIN`;
 * resolves to the rows copied. An iterator is asked for its buffers one at a time (CopyChunks); if it throws,
 * the COPY fails and the promise rejects with what it threw.
 */
export function copyIn(client: PoolClient, text: string, data: Buffer | CopyChunks): Promise<number> {
  return new Promise((resolve, reject) => {
    const copy = new CopyFromBuffer(text, Buffer.isBuffer(data) ? [data] : data);
    copy.callback = (error, rows) => (error ? reject(error) : resolve(rows));
    client.query(copy as never);
  });
}
