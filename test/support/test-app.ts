import type { INestApplication } from '@nestjs/common';
import { Pool } from 'pg';
import request from 'supertest';
import { generateSignerKey, parseSignerKey } from '@renja/integrity';
import { ledgerMigrations } from '@renja/application';
import { TokenStore } from '@renja/infrastructure/auth/token-store';
import { runMigrations } from '@renja/infrastructure/database/migrations';
import { createTestDatabase, type TestDatabase } from '@renja/infrastructure/testing/test-database';
import { createApp } from '../../apps/api/src/create-app';

/** The HTTP API on a fresh database, driven through supertest like a client. */
export interface TestApp {
  app: INestApplication;
  db: TestDatabase;
  pool: Pool;
  token: string;
  verifierKey: string;
  /** Auth header for writes. */
  auth: { Authorization: string };
  http(): ReturnType<typeof request>;
  close(): Promise<void>;
}

export async function startTestApp(): Promise<TestApp> {
  const db = await createTestDatabase('e2e');
  const pool = new Pool({ connectionString: db.url, max: 12 });
  await runMigrations(pool, ledgerMigrations);
  const { token } = await new TokenStore(pool).create('Inspektur Test');
  const { signerKey, verifierKey } = generateSignerKey('renja-ledger.test/e2e');
  const ledgerKey = { origin: 'renja-ledger.test/e2e', signer: parseSignerKey(signerKey), verifierKey };
  const app = await createApp({ databaseUrl: db.url, pool, ledgerKey, verifyEveryMinutes: 0, logger: false });
  await app.init();
  return {
    app,
    db,
    pool,
    token,
    verifierKey,
    auth: { Authorization: `Bearer ${token}` },
    http: () => request(app.getHttpServer()),
    close: async () => {
      await app.close();
      await pool.end();
      await db.drop();
    },
  };
}
