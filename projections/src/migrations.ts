import type { Migration } from '@renja/event-store/postgres/migration';

/** Read-model tables. They can be emptied and rebuilt from the ledger at any time. */
export const projectionMigrations: Migration[] = [
  {
    id: '0200_read_models',
    sql: `
      CREATE TABLE projection_checkpoints (name text PRIMARY KEY, position bigint NOT NULL);
      CREATE TABLE rm_offices (
        code text PRIMARY KEY, name text NOT NULL, registered_at text NOT NULL, registered_by text NOT NULL,
        last_position bigint NOT NULL
      );
      CREATE TABLE rm_plan_lines (
        stream_id text PRIMARY KEY,
        year int NOT NULL, office_code text NOT NULL, code text NOT NULL, level text NOT NULL, parent_code text,
        name text NOT NULL, version int NOT NULL,
        current_phase text, current_pagu numeric(20,2) NOT NULL, original_pagu numeric(20,2),
        executable_pagu numeric(20,2) NOT NULL, realised numeric(20,2) NOT NULL,
        state jsonb NOT NULL, last_position bigint NOT NULL,
        UNIQUE (year, office_code, code)
      );
      CREATE TABLE rm_line_pagu (
        stream_id text NOT NULL, phase text NOT NULL, funding_source text NOT NULL, amount numeric(20,2) NOT NULL,
        PRIMARY KEY (stream_id, phase, funding_source)
      );
      CREATE TABLE rm_line_history (
        position bigint NOT NULL, seq int NOT NULL, stream_id text NOT NULL, event_id uuid NOT NULL,
        event_type text NOT NULL, recorded_at text NOT NULL, effective_date date, actor text NOT NULL,
        figure text, from_value text, to_value text, reason text, legal_basis jsonb, corrects_event_id uuid,
        PRIMARY KEY (position, seq)
      );
      CREATE INDEX rm_line_history_stream ON rm_line_history (stream_id, position);`,
  },
  {
    // Amounts are capped per change, not per line: a line's total over many funding sources can pass
    // 10^18, so read-model amounts are unbounded numerics (still exact) and can never overflow.
    id: '0201_unbounded_amounts',
    sql: `
      ALTER TABLE rm_plan_lines ALTER COLUMN current_pagu TYPE numeric, ALTER COLUMN original_pagu TYPE numeric,
        ALTER COLUMN executable_pagu TYPE numeric, ALTER COLUMN realised TYPE numeric;
      ALTER TABLE rm_line_pagu ALTER COLUMN amount TYPE numeric;`,
  },
  {
    // Line states are written whole and read whole, never queried inside: plain json keeps the text as
    // written, so PostgreSQL neither converts it to jsonb on every write nor back to text on every read.
    id: '0202_line_state_json',
    sql: `ALTER TABLE rm_plan_lines ALTER COLUMN state TYPE json USING state::json;`,
  },
  {
    // What the plan reader and the reports' default view derive from a line, written with the line (its
    // figures, StoredLineView; the pagu movements and steps apart: only some reports read them), and their
    // version (STORED_VIEWS_VERSION). Rows written before these columns existed have none: the readers
    // fold their state until the projection writes them again.
    id: '0203_line_views',
    sql: `ALTER TABLE rm_plan_lines ADD COLUMN views_version int, ADD COLUMN plan_figures json, ADD COLUMN report_view json,
      ADD COLUMN report_movements json, ADD COLUMN report_steps json;`,
  },
  {
    // The office-year change log: which event corrected an entry (correctedBy), without a scan.
    id: '0204_line_history_corrections',
    sql: `CREATE INDEX rm_line_history_corrects ON rm_line_history (corrects_event_id) WHERE corrects_event_id IS NOT NULL;`,
  },
  {
    // Who signs the office's papers (office.signatory-set, the latest one): place, title, name, NIP.
    id: '0205_office_signatory',
    sql: `ALTER TABLE rm_offices ADD COLUMN signatory json;`,
  },
  {
    // Every write rewrites its line's row, whose state (TOASTed json) grows with the line's history: the
    // old versions are dead TOAST chunks. Vacuumed after a fixed number of them (not 20 % of the table,
    // which a few hot rows never reach), the space is reused instead of growing the file; room left in
    // each page keeps the row updates HOT. Figures: docs/operations.md ("Disk use").
    id: '0206_read_model_storage',
    sql: `ALTER TABLE rm_plan_lines SET (fillfactor = 70,
        autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 200, autovacuum_vacuum_cost_delay = 0,
        toast.autovacuum_vacuum_scale_factor = 0, toast.autovacuum_vacuum_threshold = 500, toast.autovacuum_vacuum_cost_delay = 0);
      ALTER TABLE projection_checkpoints SET (fillfactor = 50, autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 100);`,
  },
];
