import type { EntityManager } from 'typeorm';

const SUFFIX = '__next';
const ident = (name: string): string => `"${name.replace(/"/g, '""')}"`;

interface NamedDefinition {
  name: string;
  definition: string;
}

/**
 * Copies of read-model tables that a rebuild fills while the live tables keep serving, then puts in
 * their place in one step (build beside, then switch). Everything runs in the caller's transaction: a
 * rebuild that fails or is stopped leaves no copy behind and the live tables as they were.
 *
 * A copy has the live table's columns (same order: readers compare whole rows), defaults, checks,
 * storage parameters, owner and grants; its primary key, unique constraints and indexes take the live
 * ones' names at the switch. They are built once after loading, by sorting, except those the caller names
 * as loaded in order (`inOrder`): those are made with the empty copy and kept up to date while it loads.
 */
export class ShadowTables {
  private readonly constraints = new Map<string, NamedDefinition[]>();
  private readonly indexes = new Map<string, NamedDefinition[]>();
  /** Per table, the columns whose storage is EXTERNAL while loading (compressed, EXTENDED, in the live table). */
  private readonly uncompressed = new Map<string, string[]>();

  /**
   * `inOrder`: names of live constraints and indexes whose keys the rows reach the copies in (ascending, or
   * nearly). PostgreSQL adds each such key at the index's right edge, cheaply, and does it while the loader
   * prepares the next rows, instead of sorting them all after loading with the loader idle.
   */
  constructor(
    private readonly manager: EntityManager,
    readonly tables: readonly string[],
    private readonly inOrder: ReadonlySet<string> = new Set(),
  ) {}

  /** The copy that stands in for `table` until the switch. */
  readonly nameOf = (table: string): string => `${table}${SUFFIX}`;

  /**
   * Whether this database role may build beside: it must own every table (to drop it at the switch) and
   * create tables in the schema. The application's own role (docs/security.md) may not; it rebuilds in place.
   */
  async possible(): Promise<boolean> {
    const rows: Array<{ tables: number; owner: boolean; may_create: boolean }> = await this.manager.query(
      `SELECT count(*)::int AS tables, coalesce(bool_and(pg_has_role(current_user, tableowner, 'USAGE')), false) AS owner,
              has_schema_privilege(current_schema(), 'CREATE') AS may_create
         FROM pg_tables WHERE schemaname = current_schema() AND tablename = ANY($1)`,
      [this.tables],
    );
    return rows[0].tables === this.tables.length && rows[0].owner && rows[0].may_create;
  }

  /**
   * Empty copies without indexes (a bulk load keeps no index up to date row by row). Columns that the live
   * table compresses (storage EXTENDED: a line's JSON documents) are loaded uncompressed (EXTERNAL: moved
   * out of line as they are): pglz took a third of the server's time for the lines' COPY. They get their
   * storage back before the switch (`index`), so later writes of a row compress it again.
   */
  async create(): Promise<void> {
    for (const table of this.tables) {
      const copy = ident(this.nameOf(table));
      await this.manager.query(
        `CREATE TABLE ${copy} (LIKE ${ident(table)} INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING STORAGE INCLUDING COMPRESSION)`,
      );
      const compressed: Array<{ name: string }> = await this.manager.query(
        `SELECT attname AS name FROM pg_attribute WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped AND attstorage = 'x' ORDER BY attnum`,
        [table],
      );
      this.uncompressed.set(
        table,
        compressed.map((c) => c.name),
      );
      await this.setStorage(
        copy,
        compressed.map((c) => c.name),
        'EXTERNAL',
      );
      const [facts]: Array<{ owner: string; options: string[] | null; toast: string[] | null }> = await this.manager.query(
        `SELECT pg_get_userbyid(c.relowner) AS owner, c.reloptions AS options, t.reloptions AS toast
           FROM pg_class c LEFT JOIN pg_class t ON t.oid = c.reltoastrelid WHERE c.oid = $1::regclass`,
        [table],
      );
      const options = [...(facts.options ?? []), ...(facts.toast ?? []).map((option) => `toast.${option}`)];
      if (options.length > 0) await this.manager.query(`ALTER TABLE ${copy} SET (${options.join(', ')})`);
      await this.manager.query(`ALTER TABLE ${copy} OWNER TO ${ident(facts.owner)}`);
      const grants: Array<{ grantee: string; privilege: string }> = await this.manager.query(
        `SELECT CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(a.grantee)) END AS grantee, a.privilege_type AS privilege
           FROM pg_class c, aclexplode(c.relacl) a WHERE c.oid = $1::regclass AND a.grantee <> c.relowner`,
        [table],
      );
      for (const grant of grants) await this.manager.query(`GRANT ${grant.privilege} ON ${copy} TO ${grant.grantee}`);
      await this.buildKeys(table, (name) => this.inOrder.has(name));
    }
  }

  /** Sets the storage of `columns` of `table` (a quoted name): the catalogue only, rows already written stay as they are. */
  private async setStorage(table: string, columns: string[], storage: 'EXTERNAL' | 'EXTENDED'): Promise<void> {
    if (columns.length === 0) return;
    await this.manager.query(`ALTER TABLE ${table} ${columns.map((c) => `ALTER COLUMN ${ident(c)} SET STORAGE ${storage}`).join(', ')}`);
  }

  /**
   * The live tables' column storage (compressed again, for the rows written after the switch), primary keys,
   * unique constraints and other indexes not built with the copy, built on the loaded copies; then their statistics.
   */
  async index(): Promise<void> {
    for (const table of this.tables) {
      const copy = ident(this.nameOf(table));
      await this.setStorage(copy, this.uncompressed.get(table) ?? [], 'EXTENDED');
      await this.buildKeys(table, (name) => !this.inOrder.has(name));
      await this.manager.query(`ANALYZE ${copy}`);
    }
  }

  /** Builds on `table`'s copy the live table's primary key, unique constraints and other indexes that `chosen` names. */
  private async buildKeys(table: string, chosen: (name: string) => boolean): Promise<void> {
    const copy = ident(this.nameOf(table));
    const constraints: NamedDefinition[] = await this.manager.query(
      `SELECT conname AS name, pg_get_constraintdef(oid) AS definition FROM pg_constraint
        WHERE conrelid = $1::regclass AND contype IN ('p', 'u') ORDER BY conname`,
      [table],
    );
    for (const c of constraints.filter((c) => chosen(c.name)))
      await this.manager.query(`ALTER TABLE ${copy} ADD CONSTRAINT ${ident(this.nameOf(c.name))} ${c.definition}`);
    const indexes: NamedDefinition[] = await this.manager.query(
      `SELECT i.relname AS name,
              'CREATE ' || CASE WHEN x.indisunique THEN 'UNIQUE ' ELSE '' END || 'INDEX %s ON %s' ||
                substr(pg_get_indexdef(x.indexrelid), strpos(pg_get_indexdef(x.indexrelid), ' USING ')) AS definition
         FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
        WHERE x.indrelid = $1::regclass
          AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid AND c.conrelid = x.indrelid)
        ORDER BY i.relname`,
      [table],
    );
    for (const i of indexes.filter((i) => chosen(i.name)))
      await this.manager.query(i.definition.replace('%s', ident(this.nameOf(i.name))).replace('%s', copy));
    // Every one of them is renamed at the switch, whenever it was built.
    this.constraints.set(table, constraints);
    this.indexes.set(table, indexes);
  }

  /**
   * The copies take the live tables' place, names of constraints and indexes included, and the old
   * tables are dropped. Takes the tables' exclusive locks (readers wait until the caller commits, which
   * should follow at once); the caller holds what keeps writers off (the projection's checkpoint).
   */
  async switchOver(): Promise<void> {
    await this.manager.query(`LOCK TABLE ${this.tables.map(ident).join(', ')} IN ACCESS EXCLUSIVE MODE`);
    for (const table of this.tables) {
      await this.manager.query(`DROP TABLE ${ident(table)}`);
      await this.manager.query(`ALTER TABLE ${ident(this.nameOf(table))} RENAME TO ${ident(table)}`);
      for (const c of this.constraints.get(table) ?? [])
        await this.manager.query(`ALTER TABLE ${ident(table)} RENAME CONSTRAINT ${ident(this.nameOf(c.name))} TO ${ident(c.name)}`);
      for (const i of this.indexes.get(table) ?? [])
        await this.manager.query(`ALTER INDEX ${ident(this.nameOf(i.name))} RENAME TO ${ident(i.name)}`);
    }
  }
}
