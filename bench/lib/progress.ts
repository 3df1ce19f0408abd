import { nowMs } from './stats';

/** Progress on stderr (the table goes to stdout): one line per step, with the time since the start. */
export class Progress {
  private readonly started = nowMs();
  private lastTick = 0;

  private stamp(): string {
    const s = Math.round((nowMs() - this.started) / 1000);
    return `[${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}]`;
  }
  step(label: string): void {
    process.stderr.write(`${this.stamp()} ${label} ...\n`);
  }
  done(label: string, figure: string): void {
    process.stderr.write(`${this.stamp()}   ${label}: ${figure}\n`);
  }
  /** A counter updated in place, at most every half second. */
  tick(label: string, done: number, total: number): void {
    const t = nowMs();
    if (t - this.lastTick < 500 && done < total) return;
    this.lastTick = t;
    process.stderr.write(
      `\r${this.stamp()}   ${label}: ${done.toLocaleString('en-US')} / ${total.toLocaleString('en-US')}${done >= total ? '\n' : ''}`,
    );
  }
  elapsedSeconds(): number {
    return (nowMs() - this.started) / 1000;
  }
}
