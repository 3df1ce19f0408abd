/**
 * Public API of the event store. The contract suite is deliberately not exported here: it
 * depends on Jest, so adapters' specs import it by path from ./testing/event-store.contract.
 */
export type {
  AppendOptions,
  AppendResult,
  AppendedEventRef,
  EventData,
  EventMetadata,
  EventStore,
  ExpectedVersion,
  LegalBasis,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  StreamAppend,
  Subscription,
  SubscriptionOptions,
  SubscriptionRecovery,
  SubscriptionRetry,
} from './port/event-store.port';
export { DuplicateEventIdError, EventStoreError, IdempotencyKeyReusedError, WrongExpectedVersionError } from './port/errors';
export { PostgresEventStore } from './postgres/postgres-event-store';
export { backoffDelay, DEFAULT_RETRY } from './subscription/backoff';
export type { PostgresEventStoreOptions } from './postgres/postgres-event-store';
export { eventStoreMigrations, LEDGER_NOTIFY_CHANNEL } from './postgres/schema';
export { LedgerTree, type StoredCheckpoint } from './postgres/ledger-tree';
export { canonicalJson } from './integrity/canonical-json';
export { eventHash, eventLeafBytes, GENESIS_HASH, hasWellFormedHead, leafTextOfCanonicalParts } from './integrity/event-hash';
export { toRecordedEvent, type EventRow } from './postgres/sql';
export { EventStoreDbEventStore } from './eventstoredb/eventstoredb-event-store';
export type { EventStoreDbEventStoreOptions } from './eventstoredb/eventstoredb-event-store';
export { readLogByStream, type ReadLogByStreamOptions, type SqlRunner } from './bulk/read-log-by-stream';
