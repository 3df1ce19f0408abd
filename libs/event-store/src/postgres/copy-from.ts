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
}

export class CopyFromBuffer {
  callback?: (error: Error | null, rows: number) => void;
  private rows = 0;
  private settled = false;

  constructor(
    private readonly text: string,
    private readonly chunks: Buffer[],
  ) {}

  submit(connection: CopyConnection): void {
    connection.query(this.text);
  }
  handleCopyInResponse(connection: CopyConnection): void {
    const stream = connection.stream;
    for (const chunk of this.chunks) {
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
    connection.endCopyFrom();
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
    this.callback?.(error, this.rows);
  }
  handleRowDescription(): void {}
  handleDataRow(): void {}
  handleEmptyQuery(): void {}
  handlePortalSuspended(): void {}
  handleCopyData(): void {}
}

/** One text-format COPY field: backslash, tab, newline and carriage return escaped; null as \N. */
export function copyField(value: string | number | null): string {
  if (value === null) return '\\N';
  return String(value).replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));
}

/** Sends `data` (text-format rows, each ending in a newline) with `COPY … FROM STDIN`; resolves to the rows copied. */
export function copyIn(client: PoolClient, text: string, data: Buffer | Buffer[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const copy = new CopyFromBuffer(text, Array.isArray(data) ? data : [data]);
    copy.callback = (error, rows) => (error ? reject(error) : resolve(rows));
    client.query(copy as never);
  });
}
