import type { Pool } from 'pg';
import type { Projector, ProjectorFailure } from '@renja/projections';
import type { VerificationMonitor } from '@renja/verification';
import type { SupervisedStatus } from '@renja/infrastructure/database/embedded-postgres';
import { ledgerGauges } from './metrics';
import { recentUnavailability } from './database-availability';

export interface ReadinessReport {
  status: 'ok' | 'error';
  /** Why it is not ready, in a few words (absent when ready). */
  reason?: string;
  stopping: boolean;
  /** recentFailure: what requests met in the last minute (a full disk fails writes while reads still work). */
  database: {
    status: 'up' | 'down';
    error?: string;
    embedded?: SupervisedStatus;
    recentFailure?: { at: string; error: string; hint?: string };
  };
  projection: {
    name: string;
    position: number | null;
    head: number | null;
    lagEvents: number | null;
    lagSeconds: number | null;
    failing: ProjectorFailure | null;
  };
  checkpoint: { size: number; issuedAt: string; ageSeconds: number; pendingEvents: number } | null;
  verification: { status: string; finishedAt: string | null; ageSeconds: number | null; failure?: string };
}

export interface LedgerHealthSources {
  pool: Pool;
  projector: Projector;
  verification: VerificationMonitor;
  /** The embedded server's supervision, when the server runs one. */
  embedded?: () => SupervisedStatus;
  stopping: () => boolean;
}

const PROBE_TIMEOUT_MS = 2000;

interface Figures {
  head: string;
  applied: string | null;
  oldest_unapplied: Date | null;
  checkpoint_size: string | null;
  checkpoint_issued_at: Date | null;
  now: Date;
}

/** One query for every figure: the head, the read model's checkpoint and the age of what it has not applied, the latest signed checkpoint. */
const FIGURES_SQL = `
  WITH applied AS (SELECT position FROM projection_checkpoints WHERE name = $1),
       latest AS (SELECT size, issued_at FROM ledger_checkpoints ORDER BY size DESC LIMIT 1)
  SELECT (SELECT position FROM ledger_head) AS head,
         (SELECT position FROM applied) AS applied,
         (SELECT recorded_at FROM ledger_events WHERE position = COALESCE((SELECT position FROM applied), 0) + 1) AS oldest_unapplied,
         (SELECT size FROM latest) AS checkpoint_size,
         (SELECT issued_at FROM latest) AS checkpoint_issued_at,
         clock_timestamp() AS now`;

const seconds = (from: Date, to: Date) => Math.max(0, Math.round((to.getTime() - from.getTime()) / 100) / 10);

/** What /health/ready answers and /metrics' ledger gauges show: read from the database in one query, bounded to 2 s. */
export class LedgerHealth {
  constructor(private readonly sources: LedgerHealthSources) {}

  private async figures(): Promise<Figures> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${PROBE_TIMEOUT_MS} ms`)), PROBE_TIMEOUT_MS);
    });
    try {
      const query = this.sources.pool.query<Figures>(FIGURES_SQL, [this.sources.projector.projection.name]);
      query.catch(() => undefined); // settles after the timeout won: not an unhandled rejection
      return (await Promise.race([query, timeout])).rows[0];
    } finally {
      clearTimeout(timer);
    }
  }

  async readiness(): Promise<ReadinessReport> {
    const embedded = this.sources.embedded?.();
    const stopping = this.sources.stopping();
    const projectionName = this.sources.projector.projection.name;
    const verification = this.verification();
    const recent = recentUnavailability();
    let figures: Figures | null = null;
    let databaseError: string | undefined;
    if (embedded && embedded.state !== 'running') databaseError = embedded.problem ?? `embedded PostgreSQL is ${embedded.state}`;
    else {
      try {
        figures = await this.figures();
      } catch (error) {
        databaseError = error instanceof Error ? error.message : String(error);
      }
    }
    const report: ReadinessReport = {
      status: figures && !stopping ? 'ok' : 'error',
      stopping,
      database: {
        status: figures ? 'up' : 'down',
        ...(databaseError ? { error: databaseError } : {}),
        ...(embedded ? { embedded } : {}),
        ...(recent ? { recentFailure: recent } : {}),
      },
      projection: {
        name: projectionName,
        position: null,
        head: null,
        lagEvents: null,
        lagSeconds: null,
        failing: this.sources.projector.failure,
      },
      checkpoint: null,
      verification,
    };
    if (stopping) report.reason = 'the server is stopping';
    else if (!figures) report.reason = `the database is unavailable: ${databaseError}`;
    if (figures) {
      const head = Number(figures.head);
      const position = Number(figures.applied ?? 0);
      report.projection = {
        ...report.projection,
        position,
        head,
        lagEvents: Math.max(0, head - position),
        lagSeconds: figures.oldest_unapplied ? seconds(figures.oldest_unapplied, figures.now) : 0,
      };
      if (figures.checkpoint_size !== null && figures.checkpoint_issued_at) {
        const size = Number(figures.checkpoint_size);
        report.checkpoint = {
          size,
          issuedAt: figures.checkpoint_issued_at.toISOString(),
          ageSeconds: seconds(figures.checkpoint_issued_at, figures.now),
          pendingEvents: Math.max(0, head - size),
        };
      }
    }
    this.publish(report);
    return report;
  }

  private verification(): ReadinessReport['verification'] {
    const status = this.sources.verification.status();
    // Kind and position only: the message may quote the ledger, and this answer needs no token.
    const failure = status.report && !status.report.ok ? `${status.report.kind} at position ${status.report.position}` : undefined;
    return {
      status: status.status,
      finishedAt: status.finishedAt,
      ageSeconds: status.finishedAt ? seconds(new Date(status.finishedAt), new Date()) : null,
      ...(failure ? { failure } : {}),
    };
  }

  private publish(report: ReadinessReport): void {
    const g = ledgerGauges;
    const projection = { projection: report.projection.name };
    g.databaseUp.set(report.database.status === 'up' ? 1 : 0);
    g.projectionFailing.set(projection, report.projection.failing ? 1 : 0);
    if (report.projection.head !== null) {
      g.head.set(report.projection.head);
      g.projectionPosition.set(projection, report.projection.position ?? 0);
      g.projectionLagEvents.set(projection, report.projection.lagEvents ?? 0);
      g.projectionLagSeconds.set(projection, report.projection.lagSeconds ?? 0);
    }
    if (report.checkpoint) {
      g.checkpointAge.set(report.checkpoint.ageSeconds);
      g.checkpointPending.set(report.checkpoint.pendingEvents);
    }
    g.verificationOk.set(report.verification.status === 'ok' ? 1 : report.verification.status === 'failed' ? 0 : -1);
    if (report.verification.ageSeconds !== null) g.verificationAge.set(report.verification.ageSeconds);
    if (report.database.embedded) g.embeddedRestarts.set(report.database.embedded.restarts);
  }
}
