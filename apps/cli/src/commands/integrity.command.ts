import { Command, InvalidArgumentError } from 'commander';
import { LedgerIntegrityService } from '@renja/application/integrity/ledger-integrity.service';
import { LedgerTree } from '@renja/event-store/postgres/ledger-tree';
import { loadConfig } from '@renja/infrastructure/config/config';
import { loadOrCreateLedgerKey } from '@renja/infrastructure/integrity/ledger-key';
import { checkpointerClass, withLedgerDatabase, type LedgerContext } from '../context';

export const count = (min: number) => (value: string) => {
  if (!/^\d{1,15}$/.test(value) || Number(value) < min) throw new InvalidArgumentError(`harus bilangan bulat ≥ ${min}`);
  return Number(value);
};

/** The deployment's integrity service, with its own signing key (created on first use, like the server does). */
export function integrityOf({ db }: LedgerContext): LedgerIntegrityService {
  const config = loadConfig();
  const key = loadOrCreateLedgerKey(config.ledgerKeyFile, config.ledgerOrigin, (line) => process.stderr.write(`${line}\n`));
  const tree = new LedgerTree(db.pool);
  const Checkpointer = checkpointerClass();
  return new LedgerIntegrityService(tree, new Checkpointer(tree, { origin: key.origin, signer: key.signer }), key.verifierKey);
}

export function checkpointCommand(): Command {
  return new Command('checkpoint')
    .description('issue a signed checkpoint of the ledger now and print it (a C2SP signed note)')
    .action(async () => {
      await withLedgerDatabase(async (context) => {
        const checkpoint = await integrityOf(context).issue();
        process.stdout.write(checkpoint.note);
      });
    });
}

export function proofCommand(): Command {
  const proof = new Command('proof').description('RFC 9162 proofs against issued checkpoints, as JSON');
  proof
    .command('inclusion')
    .description("prove that the event at a position is in a checkpoint's tree")
    .requiredOption('--position <n>', 'global position of the event', count(1))
    .option('--size <n>', 'size of an issued checkpoint (default: the latest)', count(1))
    .action(async (options: { position: number; size?: number }) => {
      await withLedgerDatabase(async (context) => {
        process.stdout.write(`${JSON.stringify(await integrityOf(context).inclusionProof(options.position, options.size), null, 2)}\n`);
      });
    });
  proof
    .command('consistency')
    .description('prove that a newer checkpoint extends an older one')
    .requiredOption('--from <n>', 'size of the older checkpoint', count(0))
    .requiredOption('--to <n>', 'size of the newer checkpoint', count(0))
    .action(async (options: { from: number; to: number }) => {
      await withLedgerDatabase(async (context) => {
        process.stdout.write(`${JSON.stringify(await integrityOf(context).consistencyProof(options.from, options.to), null, 2)}\n`);
      });
    });
  return proof;
}
