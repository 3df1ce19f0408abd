import { randomUUID } from 'node:crypto';
import { userInfo } from 'node:os';
import { Command, InvalidArgumentError } from 'commander';
import { parseTokenGrant, systemPrincipal, TokenAdministration, type Principal } from '@renja/application';
import { TokenStore, type TokenInfo } from '@renja/infrastructure/auth/token-store';
import { wibDateTime } from '@renja/projections/reports/shared/indonesian-text';
import { withLedger } from '../context';

const positiveInt = (value: string) => {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('harus berupa ID token (bilangan bulat positif)');
  return Number(value);
};

const collect = (value: string, previous: string[] = []) => [
  ...previous,
  ...value
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v !== ''),
];

/**
 * Whoever runs the CLI has the database's credentials, so acts as the system; the ledger records the
 * operating-system user it ran as, so the grant says who made it.
 */
function operator(): Principal {
  let user = 'unknown user';
  try {
    user = userInfo().username;
  } catch (error) {
    if (!(error instanceof Error)) throw error; // no passwd entry (some containers): keep "unknown user"
  }
  return systemPrincipal(`renja-ledger CLI (${user})`);
}

/** An instant as people read it (WIB), or the word for "not (yet)". */
const when = (instant: string | null, none: string) => (instant ? wibDateTime(instant) : none);

const describe = (t: TokenInfo) =>
  [
    `#${t.id}`,
    t.name,
    ...(t.nip ? [`NIP ${t.nip}`] : []),
    `peran ${t.roles.join(',')}`,
    `perangkat daerah ${t.offices === '*' ? '*' : t.offices.join(',')}`,
    `berlaku sampai ${when(t.expiresAt, 'tanpa batas')}`,
    `terakhir dipakai ${when(t.lastUsedAt, 'belum pernah')}`,
    `dibuat ${wibDateTime(t.createdAt)}${t.createdBy ? ` oleh ${t.createdBy}` : ''}`,
    ...(t.revokedAt ? [`dicabut ${wibDateTime(t.revokedAt)}`] : []),
  ].join('\t');

export function tokenCommand(): Command {
  const token = new Command('token').description(
    'API tokens: roles, office scope, expiry; the holder is the actor recorded on every event it writes',
  );
  token
    .command('create')
    .description('create a token and print it (shown once); the grant is recorded in the ledger')
    .requiredOption('--name <name>', 'holder\'s name, recorded as the actor, e.g. "Siti (BPKAD)"')
    .requiredOption('--role <role>', 'admin, planner, finance or inspector (repeat or comma-separate for several)', collect)
    .requiredOption('--office <code>', 'office code the token may act on, or "*" for all (repeat or comma-separate)', collect)
    .option('--expires <when>', 'YYYY-MM-DD, an ISO timestamp, a number of days ("90d") or "never"; default 365 days')
    .option('--nip <nip>', "the holder's NIP (18 digits; spaces allowed), kept with the token and its grant")
    .action(async (options: { name: string; role: string[]; office: string[]; expires?: string; nip?: string }) => {
      const grant = parseTokenGrant(
        { name: options.name, roles: options.role, offices: options.office, expires: options.expires, nip: options.nip },
        new Date(),
      );
      await withLedger(async ({ db, store }) => {
        const issued = await new TokenAdministration(new TokenStore(db.pool), store).grant(operator(), grant, {
          correlationId: randomUUID(),
        });
        const scope = issued.offices === '*' ? 'semua perangkat daerah' : `perangkat daerah ${issued.offices.join(', ')}`;
        process.stderr.write(
          `Token #${issued.id} dibuat untuk "${issued.name}": peran ${issued.roles.join(', ')} pada ${scope}, berlaku sampai ${when(issued.expiresAt, 'tanpa batas')}. ` +
            'Kirimkan sebagai "Authorization: Bearer <token>" (token hanya ditampilkan sekali ini):\n',
        );
        process.stdout.write(`${issued.token}\n`);
      });
    });
  token
    .command('list')
    .description('list tokens (never their secrets): roles, offices, expiry, last use, revocation')
    .action(async () => {
      await withLedger(async ({ db }) => {
        for (const t of await new TokenStore(db.pool).list()) process.stdout.write(`${describe(t)}\n`);
      });
    });
  token
    .command('revoke')
    .description('revoke a token by id; the revocation is recorded in the ledger')
    .argument('<id>', 'token id from "token list"', positiveInt)
    .action(async (id: number) => {
      await withLedger(async ({ db, store }) => {
        await new TokenAdministration(new TokenStore(db.pool), store).revoke(operator(), id, { correlationId: randomUUID() });
        process.stdout.write(`Token #${id} dicabut\n`);
      });
    });
  return token;
}
