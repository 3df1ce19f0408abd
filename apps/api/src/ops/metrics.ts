import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { EventStore } from '@renja/event-store';

/**
 * The server's Prometheus metrics, one registry per process (several apps in one test process share it).
 * Gauges that describe the ledger (lag, checkpoint age, verification) are filled at each scrape from
 * the same readiness snapshot /health/ready answers with.
 */
export const registry = new Registry();

const metric = <T>(name: string, make: () => T): T => (registry.getSingleMetric(name) as T | undefined) ?? make();

export const httpRequests = metric(
  'renja_http_requests_total',
  () =>
    new Counter({
      name: 'renja_http_requests_total',
      help: 'HTTP requests answered, by method, route pattern and status',
      labelNames: ['method', 'route', 'status'] as const,
      registers: [registry],
    }),
);

export const httpDuration = metric(
  'renja_http_request_duration_seconds',
  () =>
    new Histogram({
      name: 'renja_http_request_duration_seconds',
      help: 'Time to answer HTTP requests, by method and route pattern',
      labelNames: ['method', 'route'] as const,
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
);

export const appendDuration = metric(
  'renja_append_duration_seconds',
  () =>
    new Histogram({
      name: 'renja_append_duration_seconds',
      help: 'Time of one append to the ledger (one transaction, one or more streams)',
      buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
);

export const appends = metric(
  'renja_appends_total',
  () =>
    new Counter({
      name: 'renja_appends_total',
      help: 'Appends to the ledger, by outcome (ok, replayed, failed)',
      labelNames: ['outcome'] as const,
      registers: [registry],
    }),
);

export const appendedEvents = metric(
  'renja_appended_events_total',
  () => new Counter({ name: 'renja_appended_events_total', help: 'Events appended to the ledger', registers: [registry] }),
);

const gauge = (name: string, help: string, labelNames: string[] = []) =>
  metric(name, () => new Gauge({ name, help, labelNames, registers: [registry] }));

export const ledgerGauges = {
  databaseUp: gauge('renja_database_up', '1 when the database answers, 0 when it does not'),
  head: gauge('renja_ledger_head_position', 'Position of the last event in the ledger'),
  projectionPosition: gauge('renja_projection_position', 'Last position applied by a read model', ['projection']),
  projectionLagEvents: gauge('renja_projection_lag_events', 'Events committed but not yet in a read model', ['projection']),
  projectionLagSeconds: gauge('renja_projection_lag_seconds', 'Age of the oldest event not yet in a read model (0 when caught up)', [
    'projection',
  ]),
  projectionFailing: gauge('renja_projection_failing', '1 while a read model fails to follow the log (it retries)', ['projection']),
  checkpointAge: gauge('renja_checkpoint_age_seconds', 'Age of the latest signed checkpoint'),
  checkpointPending: gauge('renja_checkpoint_pending_events', 'Events appended after the latest signed checkpoint'),
  verificationOk: gauge('renja_verification_ok', '1: the last full verification passed; 0: it failed; -1: none finished yet'),
  verificationAge: gauge('renja_verification_age_seconds', 'Age of the last finished full verification'),
  embeddedRestarts: gauge('renja_embedded_postgres_restarts', 'Restarts of the embedded PostgreSQL after it died'),
};

/** Counts and times appends, whatever calls them (commands, imports, token grants). */
export function instrumentAppends(store: EventStore): EventStore {
  const timed =
    <A extends unknown[], R extends { replayed?: boolean; events?: unknown[] }>(call: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      const end = appendDuration.startTimer();
      try {
        const result = await call(...args);
        end();
        appends.inc({ outcome: result.replayed ? 'replayed' : 'ok' });
        if (!result.replayed) appendedEvents.inc(result.events?.length ?? 0);
        return result;
      } catch (error) {
        appends.inc({ outcome: 'failed' });
        throw error;
      }
    };
  const append = timed(store.append.bind(store));
  const appendMany = timed(store.appendMany.bind(store));
  return new Proxy(store, {
    get(target, property, receiver) {
      if (property === 'append') return append;
      if (property === 'appendMany') return appendMany;
      const value = Reflect.get(target, property, receiver) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}
