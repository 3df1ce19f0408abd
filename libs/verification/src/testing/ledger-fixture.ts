import { Client, Pool } from 'pg';
import { generateSignerKey, parseSignerKey, type NoteSigner } from '@renja/integrity';
import { eventStoreMigrations, LedgerTree, PostgresEventStore } from '@renja/event-store';
import { runMigrations } from '@renja/infrastructure/database/migrations';
import { createTestDatabase, testServerUrl } from '@renja/infrastructure/testing/test-database';
import { Checkpointer } from '@renja/application/integrity/checkpointer';
import { sampleLedger } from './ledger-events';

export const ORIGIN = 'renja-ledger.test/verification';

export interface SigningKey {
  signer: NoteSigner;
  /** The private key's text form, as a deployment's key file holds it. */
  signerKey: string;
  verifierKey: string;
}

export function newKey(origin = ORIGIN): SigningKey {
  const { signerKey, verifierKey } = generateSignerKey(origin);
  return { signer: parseSignerKey(signerKey), signerKey, verifierKey };
}

/** A database on the Jest PostgreSQL server, opened with its own pool. */
export interface OpenLedger {
  name: string;
  url: string;
  pool: Pool;
  store: PostgresEventStore;
  tree: LedgerTree;
  close(): Promise<void>;
  drop(): Promise<void>;
}

async function open(name: string, url: string, drop: () => Promise<void>): Promise<OpenLedger> {
  const pool = new Pool({ connectionString: url, max: 8 });
  const store = new PostgresEventStore(pool);
  const close = async () => {
    await store.close();
    await pool.end();
  };
  const dropAll = async () => {
    await close().catch(() => undefined); // already closed is fine
    await drop();
  };
  return { name, url, pool, store, tree: new LedgerTree(pool), close, drop: dropAll };
}

/** The sample ledger with checkpoints signed by `key` after the offices, after each year's lines, and at the end. */
export async function buildSampleLedger(key: SigningKey): Promise<{ ledger: OpenLedger; checkpoints: number[] }> {
  const db = await createTestDatabase('verify');
  const ledger = await open(db.name, db.url, db.drop);
  await runMigrations(ledger.pool, eventStoreMigrations);
  const checkpointer = new Checkpointer(ledger.tree, { origin: ORIGIN, signer: key.signer });
  const checkpoints: number[] = [];
  for (const [i, appends] of sampleLedger().entries()) {
    await ledger.store.appendMany(appends);
    if (i === 2 || i === 20 || i === 50) checkpoints.push((await checkpointer.issue()).size);
  }
  checkpoints.push((await checkpointer.issue()).size);
  return { ledger, checkpoints };
}

/** A copy of a database that nobody is connected to (CREATE DATABASE ... TEMPLATE): a fresh ledger per tamper test. */
export async function cloneLedger(template: string): Promise<OpenLedger> {
  const name = `${template}_c${Math.random().toString(36).slice(2, 8)}`;
  await admin(`CREATE DATABASE ${name} TEMPLATE ${template}`);
  const url = new URL(testServerUrl());
  url.pathname = `/${name}`;
  return open(name, url.toString(), () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
}

async function admin(sql: string): Promise<void> {
  const client = new Client({ connectionString: testServerUrl() });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * Runs statements as the superuser with triggers off (session_replication_role = replica, local
 * to the transaction, so it is restored at COMMIT): the only way past the append-only triggers.
 */
export async function tamper(pool: Pool, statements: Array<[string, unknown[]?]>): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SET LOCAL session_replication_role = replica');
    for (const [sql, values] of statements) await client.query(sql, values);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}
