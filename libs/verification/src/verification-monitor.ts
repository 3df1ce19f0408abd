import { Logger } from '@nestjs/common';
import type { Pool } from 'pg';
import type { VerificationReport } from './report';
import { verifyDatabase } from './verify-database';

export interface VerificationStatus {
  /** never: not run yet; running: the first run is in progress; ok / failed: the last finished run. */
  status: 'never' | 'running' | 'ok' | 'failed';
  running: boolean;
  startedAt: string | null;
  finishedAt: string | null;
  report: VerificationReport | null;
}

/**
 * Re-verifies the whole ledger in the background (at start and every `everyMinutes`) and on demand,
 * keeping the last result for GET /api/v1/ledger/verification. A failure is logged loudly: it means
 * someone changed the database behind the application's back.
 */
export class VerificationMonitor {
  private readonly logger = new Logger('Verification');
  private last: { report: VerificationReport; startedAt: string; finishedAt: string } | null = null;
  private current: Promise<VerificationReport> | null = null;
  private startedAt: string | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly pool: Pool,
    private readonly verifierKey: string,
    private readonly everyMinutes = 60,
  ) {}

  status(): VerificationStatus {
    const running = this.current !== null;
    return {
      status: this.last ? (this.last.report.ok ? 'ok' : 'failed') : running ? 'running' : 'never',
      running,
      startedAt: running ? this.startedAt : (this.last?.startedAt ?? null),
      finishedAt: this.last?.finishedAt ?? null,
      report: this.last?.report ?? null,
    };
  }

  /** Runs a verification now (or joins the one running) and returns its report. */
  run(): Promise<VerificationReport> {
    if (this.current) return this.current;
    const startedAt = new Date().toISOString();
    this.startedAt = startedAt;
    // One thread: a background check inside the API server must not take every core from the requests it serves.
    this.current = verifyDatabase(this.pool, { verifierKey: this.verifierKey, workers: 0 })
      .then((report) => {
        this.last = { report, startedAt, finishedAt: new Date().toISOString() };
        if (report.ok) this.logger.log(`ledger verified: ${report.size} events, root ${report.rootHash.base64}`);
        else this.logger.error(`LEDGER VERIFICATION FAILED at position ${report.position}: ${report.kind}: ${report.message}`);
        return report;
      })
      .finally(() => (this.current = null));
    return this.current;
  }

  /** Background runs: at start and every `everyMinutes`; none when everyMinutes is 0. */
  start(): void {
    if (this.everyMinutes <= 0) return;
    const runQuietly = () => void this.run().catch((e: unknown) => this.logger.warn(`verification could not run: ${(e as Error).message}`));
    runQuietly();
    this.timer = setInterval(runQuietly, this.everyMinutes * 60_000);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.current?.catch(() => undefined);
  }
}
