import { createHash, randomBytes } from 'node:crypto';
import type { Pool } from 'pg';
import type { Migration } from '../database/migrations';

/** API tokens: the holder's name is the actor recorded on every event the token writes. */
export const authMigrations: Migration[] = [
  {
    id: '0100_api_tokens',
    sql: `
      CREATE TABLE api_tokens (
        id bigserial PRIMARY KEY,
        name text NOT NULL,
        token_hash text NOT NULL UNIQUE,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        revoked_at timestamptz
      );`,
  },
];

export interface TokenHolder {
  id: number;
  name: string;
}

export interface IssuedToken extends TokenHolder {
  /** Shown once; only its SHA-256 is stored. */
  token: string;
}

const hash = (token: string) => createHash('sha256').update(token).digest('hex');
const NAME = /^[^\x00-\x1f\x7f]{1,100}$/u;

export class TokenStore {
  constructor(private readonly pool: Pool) {}

  async create(name: string): Promise<IssuedToken> {
    const trimmed = name.trim();
    if (!NAME.test(trimmed)) throw new Error('token name must be 1-100 printable characters');
    const token = `rl_${randomBytes(32).toString('base64url')}`;
    const { rows } = await this.pool.query<{ id: string }>('INSERT INTO api_tokens (name, token_hash) VALUES ($1, $2) RETURNING id', [
      trimmed,
      hash(token),
    ]);
    return { id: Number(rows[0].id), name: trimmed, token };
  }

  /** The holder of a valid, unrevoked token, or null. */
  async verify(token: string): Promise<TokenHolder | null> {
    const { rows } = await this.pool.query<{ id: string; name: string }>(
      'SELECT id, name FROM api_tokens WHERE token_hash = $1 AND revoked_at IS NULL',
      [hash(token)],
    );
    return rows[0] ? { id: Number(rows[0].id), name: rows[0].name } : null;
  }

  async list(): Promise<Array<TokenHolder & { createdAt: string; revokedAt: string | null }>> {
    const { rows } = await this.pool.query('SELECT id, name, created_at, revoked_at FROM api_tokens ORDER BY id');
    return rows.map((r) => ({ id: Number(r.id), name: r.name, createdAt: r.created_at.toISOString(), revokedAt: r.revoked_at?.toISOString() ?? null }));
  }

  async revoke(id: number): Promise<boolean> {
    const r = await this.pool.query('UPDATE api_tokens SET revoked_at = clock_timestamp() WHERE id = $1 AND revoked_at IS NULL', [id]);
    return r.rowCount === 1;
  }

  async count(): Promise<number> {
    const { rows } = await this.pool.query<{ n: string }>('SELECT count(*) AS n FROM api_tokens WHERE revoked_at IS NULL');
    return Number(rows[0].n);
  }
}
