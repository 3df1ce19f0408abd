/**
 * The port token administration needs: where API tokens are kept (libs/infrastructure's TokenStore keeps their
 * SHA-256 in PostgreSQL). The application defines it, the infrastructure implements it.
 */
export interface TokenGrant {
  name: string;
  roles: string[];
  /** '*' = every office. */
  offices: '*' | string[];
  /** null: the token never expires. */
  expiresAt: Date | null;
  createdBy: string;
  /** The holder's NIP (18 digits), if any. */
  nip?: string | null;
}

export interface TokenHolder {
  id: number;
  name: string;
  roles: string[];
  offices: '*' | string[];
  expiresAt: string | null;
}

export interface TokenInfo extends TokenHolder {
  nip: string | null;
  createdAt: string;
  createdBy: string | null;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

export interface IssuedToken extends TokenHolder {
  nip: string | null;
  /** Shown once; only its SHA-256 is stored. */
  token: string;
}

export interface TokenRegistry {
  create(grant: TokenGrant): Promise<IssuedToken>;
  /** Undoes a create whose grant the ledger refused. */
  discard(id: number): Promise<void>;
  find(id: number): Promise<TokenInfo | null>;
  list(): Promise<TokenInfo[]>;
  /** false: no such token, or already revoked. */
  revoke(id: number): Promise<boolean>;
  /** Undoes a revoke whose record the ledger refused. */
  unrevoke(id: number): Promise<void>;
}
