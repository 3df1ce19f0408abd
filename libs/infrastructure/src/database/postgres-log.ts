import { appendFileSync, existsSync, renameSync, statSync } from 'node:fs';

const ROTATE_AT_BYTES = 10 * 1024 * 1024;

/**
 * PostgreSQL's own log (its stderr), kept in the data folder: appended to `file`, which is moved to
 * `file.1` at start once larger than 10 MB. The last lines stay in memory to explain a failure.
 * Writing never throws: on a full disk the log is lost, the memory copy is not.
 */
export class PostgresLog {
  private readonly recent: string[] = [];
  private dropped = 0;

  constructor(readonly file: string) {
    try {
      if (existsSync(file) && statSync(file).size > ROTATE_AT_BYTES) renameSync(file, `${file}.1`);
    } catch {
      // a log that cannot be rotated is appended to
    }
  }

  write(chunk: string): void {
    try {
      appendFileSync(this.file, chunk.endsWith('\n') ? chunk : `${chunk}\n`);
    } catch {
      // disk full or read-only: the in-memory lines still explain what happens
    }
    for (const line of chunk.split('\n')) if (line.trim() !== '') this.recent.push(line);
    if (this.recent.length > 200) this.dropped += this.recent.splice(0, this.recent.length - 200).length;
  }

  /** The lines written since `mark` (see mark()), as far as they are still kept. */
  since(mark: number): string[] {
    return this.recent.slice(Math.max(0, mark - this.dropped));
  }

  /** A position in the stream of lines, to ask later for what came after it. */
  mark(): number {
    return this.dropped + this.recent.length;
  }
}
