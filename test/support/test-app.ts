import type { INestApplication } from '@nestjs/common';
import { Pool } from 'pg';
import request from 'supertest';
import { generateSignerKey, parseSignerKey } from '@renja/integrity';
import { type OfficeScope, type Role } from '@renja/application';
import { ledgerMigrations } from '@renja/infrastructure/database/ledger-schema';
import { TokenStore } from '@renja/infrastructure/auth/token-store';
import type { SecurityConfig } from '@renja/infrastructure/config/config';
import { runMigrations } from '@renja/infrastructure/database/migrations';
import { createTestDatabase, type TestDatabase } from '@renja/infrastructure/testing/test-database';
import { createApp } from '../../apps/api/src/create-app';

/**
 * The default test token may do every write the suites make (register offices, record plans and
 * budgets) on every office: roles admin, planner and finance. Its holder is the recorded actor.
 */
export const TEST_ACTOR = 'Inspektur Test';
const DEFAULT_ROLES: Role[] = ['admin', 'finance', 'planner'];

/** The HTTP API on a fresh database, driven through supertest like a client. */
export interface TestApp {
  app: INestApplication;
  db: TestDatabase;
  pool: Pool;
  token: string;
  verifierKey: string;
  /** The private key the app signs checkpoints with (C2SP signer-key text), for a CLI that must sign as the server does. */
  signerKey: string;
  /** Auth header of the default token. */
  auth: { Authorization: string };
  /** A client that sends the default token with every request (override with .set('Authorization', …)). */
  http(): ReturnType<typeof request.agent>;
  /** A client without any token. */
  anonymous(): ReturnType<typeof request>;
  /** A fresh API token with these roles and offices (not recorded in the ledger: test setup). */
  tokenFor(roles: Role[], offices: OfficeScope, name?: string): Promise<string>;
  /** Refused attempts (401/403) the server logged. */
  refusals: string[];
  close(): Promise<void>;
}

export interface TestAppOptions {
  security?: Partial<SecurityConfig>;
  /** The built web app to serve; default dist/web. */
  webRoot?: string;
}

export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const db = await createTestDatabase('e2e');
  const pool = new Pool({ connectionString: db.url, max: 12 });
  await runMigrations(pool, ledgerMigrations);
  const tokens = new TokenStore(pool);
  const tokenFor = async (
    roles: Role[],
    offices: OfficeScope,
    name = `${roles.join('+')} ${offices === '*' ? 'all' : offices.join('+')}`,
  ) => (await tokens.create({ name, roles, offices, expiresAt: null, createdBy: 'test setup' })).token;
  const token = await tokenFor(DEFAULT_ROLES, '*', TEST_ACTOR);
  const { signerKey, verifierKey } = generateSignerKey('renja-ledger.test/e2e');
  const ledgerKey = { origin: 'renja-ledger.test/e2e', signer: parseSignerKey(signerKey), verifierKey };
  const refusals: string[] = [];
  const app = await createApp({
    databaseUrl: db.url,
    pool,
    ledgerKey,
    verifyEveryMinutes: 0,
    logger: false,
    security: options.security,
    webRoot: options.webRoot,
    onRefusal: (line) => refusals.push(line),
  });
  await app.init();
  const auth = { Authorization: `Bearer ${token}` };
  return {
    app,
    db,
    pool,
    token,
    verifierKey,
    signerKey,
    auth,
    http: () => request.agent(app.getHttpServer()).set(auth),
    anonymous: () => request(app.getHttpServer()),
    tokenFor,
    refusals,
    close: async () => {
      await app.close();
      await pool.end();
      await db.drop();
    },
  };
}
