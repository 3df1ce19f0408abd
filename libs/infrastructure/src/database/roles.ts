import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { Client, type ClientBase } from 'pg';

/**
 * Two database roles: the OWNER runs migrations and owns every table; the APP role, which the server and
 * the CLI connect as, may append to the ledger but never UPDATE, DELETE or TRUNCATE it. The triggers on
 * those tables refuse changes too, but a trigger can be disabled by a table's owner: the privilege
 * cannot be taken by a role that does not own the table.
 */
export interface DatabaseRole {
  name: string;
  password: string;
}

export interface DatabaseRoles {
  owner: DatabaseRole;
  app: DatabaseRole;
}

/** Tables whose rows are evidence: the app role may read and insert, nothing else. */
export const APPEND_ONLY_TABLES = ['ledger_events', 'ledger_merkle_nodes', 'ledger_checkpoints', 'ledger_idempotency'] as const;

const ROLE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;
const ident = (name: string) => {
  if (!ROLE_NAME.test(name)) throw new Error(`"${name}" is not a plain PostgreSQL role or database name`);
  return `"${name}"`;
};
const literal = (text: string) => `'${text.replace(/'/g, "''")}'`;

/** The embedded server's role passwords: made on first start, kept beside the data (mode 0600). */
export function loadOrCreateRoleCredentials(file: string): DatabaseRoles {
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as DatabaseRoles;
  const roles: DatabaseRoles = {
    owner: { name: 'renja_owner', password: randomBytes(24).toString('base64url') },
    app: { name: 'renja_app', password: randomBytes(24).toString('base64url') },
  };
  writeFileSync(file, `${JSON.stringify(roles, null, 2)}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return roles;
}

async function createRole(client: ClientBase, role: DatabaseRole): Promise<void> {
  const exists = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role.name]);
  const options = `LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS PASSWORD ${literal(role.password)}`;
  if (exists.rowCount === 0) {
    try {
      await client.query(`CREATE ROLE ${ident(role.name)} ${options}`);
      return;
    } catch (error) {
      // Another process (the CLI beside the server) created it between our check and our CREATE.
      if ((error as { code?: string }).code !== '42710') throw error;
    }
  }
  await client.query(`ALTER ROLE ${ident(role.name)} ${options}`);
}

/**
 * As the superuser (the only thing it is used for): creates both roles, gives the database and every
 * object already in it to the owner (databases made before roles existed), and lets the app role in.
 */
export async function bootstrapRoles(superuserUrl: string, database: string, roles: DatabaseRoles): Promise<void> {
  const admin = new Client({ connectionString: superuserUrl });
  await admin.connect();
  try {
    await admin.query('SELECT pg_advisory_lock(727002)');
    await createRole(admin, roles.owner);
    await createRole(admin, roles.app);
    await admin.query(`ALTER DATABASE ${ident(database)} OWNER TO ${ident(roles.owner.name)}`);
    await admin.query(`REVOKE ALL ON DATABASE ${ident(database)} FROM PUBLIC`);
    await admin.query(`GRANT CONNECT, TEMPORARY ON DATABASE ${ident(database)} TO ${ident(roles.app.name)}`);
  } finally {
    await admin.end();
  }
  const url = new URL(superuserUrl);
  url.pathname = `/${database}`;
  const inDatabase = new Client({ connectionString: url.toString() });
  await inDatabase.connect();
  try {
    await inDatabase.query(`ALTER SCHEMA public OWNER TO ${ident(roles.owner.name)}`);
    await inDatabase.query('REVOKE CREATE ON SCHEMA public FROM PUBLIC');
    await giveObjectsTo(inDatabase, roles.owner.name);
  } finally {
    await inDatabase.end();
  }
}

/** Tables, views, sequences and functions of schema public not yet owned by the owner role. */
async function giveObjectsTo(client: ClientBase, owner: string): Promise<void> {
  const relations = await client.query<{ name: string; kind: string }>(
    `SELECT format('%I', c.relname) AS name, c.relkind::text AS kind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm') AND pg_get_userbyid(c.relowner) <> $1`,
    [owner],
  );
  for (const r of relations.rows)
    await client.query(
      `ALTER ${r.kind === 'v' ? 'VIEW' : r.kind === 'm' ? 'MATERIALIZED VIEW' : 'TABLE'} public.${r.name} OWNER TO ${ident(owner)}`,
    );
  // Sequences owned by a table column moved with their table; the rest move on their own.
  const sequences = await client.query<{ name: string }>(
    `SELECT format('%I', c.relname) AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind = 'S' AND pg_get_userbyid(c.relowner) <> $1`,
    [owner],
  );
  for (const s of sequences.rows) await client.query(`ALTER SEQUENCE public.${s.name} OWNER TO ${ident(owner)}`);
  const functions = await client.query<{ signature: string }>(
    `SELECT p.oid::regprocedure::text AS signature FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
      WHERE n.nspname = 'public' AND pg_get_userbyid(p.proowner) <> $1`,
    [owner],
  );
  for (const f of functions.rows) await client.query(`ALTER FUNCTION ${f.signature} OWNER TO ${ident(owner)}`);
}

/**
 * As the owner, after every migration run: the app role may read and write the read models and tokens,
 * move the ledger head forward, and only read and insert the evidence tables.
 */
export async function grantAppPrivileges(owner: ClientBase, appRole: string): Promise<void> {
  const app = ident(appRole);
  await owner.query(`GRANT USAGE ON SCHEMA public TO ${app}`);
  await owner.query(`GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE ON ALL TABLES IN SCHEMA public TO ${app}`);
  await owner.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${app}`);
  const present = await owner.query<{ name: string }>(
    `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' AND tablename = ANY($1)`,
    [[...APPEND_ONLY_TABLES, 'ledger_head', 'schema_migrations']],
  );
  for (const { name } of present.rows) {
    const revoked =
      name === 'ledger_head'
        ? 'INSERT, DELETE, TRUNCATE'
        : name === 'schema_migrations'
          ? 'INSERT, UPDATE, DELETE, TRUNCATE'
          : 'UPDATE, DELETE, TRUNCATE';
    await owner.query(`REVOKE ${revoked} ON public.${ident(name)} FROM ${app}`);
  }
}
