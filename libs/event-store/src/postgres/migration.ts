/**
 * A forward-only schema step. Ids sort in the order they must run (e.g. "0001_event_store").
 * The event store declares its own tables with it; libs/infrastructure runs the steps (`runMigrations`).
 */
export interface Migration {
  id: string;
  sql: string;
}
