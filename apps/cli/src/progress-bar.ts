/**
 * A progress bar on stderr: redrawn in place on a terminal, one line per 10 % otherwise (logs, CI).
 */
export class ProgressBar {
  private readonly started = Date.now();
  private lastDecile = -1;

  constructor(
    private readonly label: string,
    private readonly stream: NodeJS.WriteStream = process.stderr,
    private readonly width = 30,
    /** What is counted, in Indonesian: "peristiwa" (a rebuild), "berkas", "baris". */
    private readonly unit = 'peristiwa',
  ) {}

  update(done: number, total: number): void {
    const ratio = total > 0 ? Math.min(1, done / total) : 1;
    const seconds = (Date.now() - this.started) / 1000;
    const rate = seconds > 0 ? Math.round(done / seconds) : 0;
    const text = `${this.label} ${(ratio * 100).toFixed(0).padStart(3)}% ${done}/${total} ${this.unit}, ${rate} ${this.unit}/detik`;
    if (this.stream.isTTY) {
      const filled = Math.round(ratio * this.width);
      this.stream.write(`\r[${'#'.repeat(filled)}${'-'.repeat(this.width - filled)}] ${text}`);
    } else {
      const decile = Math.floor(ratio * 10);
      if (decile !== this.lastDecile) {
        this.lastDecile = decile;
        this.stream.write(`${text}\n`);
      }
    }
  }

  finish(done: number, total: number): void {
    this.update(done, total);
    if (this.stream.isTTY) this.stream.write('\n');
  }
}
