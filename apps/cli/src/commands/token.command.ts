import { Command, InvalidArgumentError } from 'commander';
import { TokenStore } from '@renja/infrastructure/auth/token-store';
import { withLedger } from '../context';

const positiveInt = (value: string) => {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('must be a token id (a positive integer)');
  return Number(value);
};

export function tokenCommand(): Command {
  const token = new Command('token').description('API tokens: the holder is the actor recorded on every event it writes');
  token
    .command('create')
    .description('create a token and print it (shown once)')
    .requiredOption('--name <name>', "holder's name, recorded as the actor, e.g. \"Siti (BPKAD)\"")
    .action(async (options: { name: string }) => {
      await withLedger(async ({ db }) => {
        const issued = await new TokenStore(db.pool).create(options.name);
        process.stderr.write(`Created token #${issued.id} for "${issued.name}". Send it as "Authorization: Bearer <token>":\n`);
        process.stdout.write(`${issued.token}\n`);
      });
    });
  token
    .command('list')
    .description('list tokens (never their secrets)')
    .action(async () => {
      await withLedger(async ({ db }) => {
        for (const t of await new TokenStore(db.pool).list()) {
          process.stdout.write(`#${t.id}\t${t.name}\tcreated ${t.createdAt}${t.revokedAt ? `\trevoked ${t.revokedAt}` : ''}\n`);
        }
      });
    });
  token
    .command('revoke')
    .description('revoke a token by id')
    .argument('<id>', 'token id from "token list"', positiveInt)
    .action(async (id: number) => {
      await withLedger(async ({ db }) => {
        if (!(await new TokenStore(db.pool).revoke(id))) throw new Error(`no active token #${id}`);
        process.stdout.write(`Revoked token #${id}\n`);
      });
    });
  return token;
}
