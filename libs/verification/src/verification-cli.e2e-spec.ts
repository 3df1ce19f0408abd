import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase } from '@renja/infrastructure/testing/test-database';
import { runCli } from '../../../test/support/processes';
import { buildSampleLedger, newKey, type OpenLedger } from './testing/ledger-fixture';

/** The built CLI (npm test builds first), run like an inspector would: export, verify, tamper, verify again. */
describe('renja-ledger export and verify', () => {
  const key = newKey();
  let ledger: OpenLedger;
  let head: number;
  let dir: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    ({ ledger } = await buildSampleLedger(key));
    head = await ledger.store.headPosition();
    dir = mkdtempSync(join(tmpdir(), 'renja-verify-cli-'));
    writeFileSync(join(dir, 'signing-key'), `${key.signerKey}\n`, { mode: 0o600 });
    writeFileSync(join(dir, 'public-key'), `${key.verifierKey}\n`);
    env = { DATABASE_URL: ledger.url, RENJA_LEDGER_KEY_FILE: join(dir, 'signing-key') };
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await ledger.drop();
  });

  it('exports the ledger, verifies the file with the public key, and names the line an editor changed', async () => {
    const file = join(dir, 'all.jsonl');
    const exported = await runCli(['export', '--out', file], env);
    expect(exported.stderr).toMatch(/Exporting: 100%/);
    expect(exported.code).toBe(0);
    const root = (await ledger.tree.root(head)).toString('base64');
    expect(exported.stdout).toContain(`Exported ${head} events (all events) to ${file}\nCheckpoint size ${head}, root ${root}`);

    const ok = await runCli(['verify', file, '--key', join(dir, 'public-key')]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(
      new RegExp(`^verified ${head} events, root ${root.replace(/[+/]/g, '\\$&')}, checkpoints checked 1, \\d+ events/s\\n`),
    );

    const lines = readFileSync(file, 'utf8').split('\n');
    lines[21] = lines[21].replace('"actor":"Inspektur Test"', '"actor":"Inspektur Tesu"'); // the event at position 21
    writeFileSync(file, lines.join('\n'));
    const bad = await runCli(['verify', file, '--key', key.verifierKey]);
    expect(bad.stdout).toMatch(/^FAILED at position 21: modified: /);
    expect(bad.code).toBe(2);
  });

  it('exports and verifies one office, and insists on a key for a file', async () => {
    const file = join(dir, 'dkukm.jsonl');
    const exported = await runCli(['export', '--office', 'dkukm', '--out', file], env);
    expect(exported.stdout).toMatch(/Exported \d+ events \(partial: office DKUKM\)/);
    const ok = await runCli(['verify', file, '--key', key.verifierKey]);
    expect(ok.stdout).toMatch(/^verified \d+ events, .*\npartial export: every event proven in the signed tree of size \d+/);
    expect(ok.code).toBe(0);
    const noKey = await runCli(['verify', file]);
    expect(noKey.stderr).toMatch(/--key is required to verify a file/);
    expect(noKey.code).toBe(1);
    const wrongKey = await runCli(['verify', file, '--key', newKey().verifierKey]);
    expect(wrongKey.stdout).toMatch(/^FAILED at position \d+: bad_signature: /);
    expect(wrongKey.code).toBe(2);
  });

  it('verifies the live database with the deployment key, issuing a first checkpoint if there is none', async () => {
    const live = await runCli(['verify', '--database', '--batch-size', '10'], env);
    expect(live.stdout).toMatch(new RegExp(`^verified ${head} events, root \\S+, checkpoints checked 4, \\d+ events/s`));
    expect(live.stderr).toMatch(/Verifying: 100%/);
    expect(live.code).toBe(0);
    const empty = await createTestDatabase('verify_cli');
    try {
      const first = await runCli(['verify', '--database'], { ...env, DATABASE_URL: empty.url });
      expect(first.stderr).toMatch(/No checkpoint yet: issued one of size 0/);
      expect(first.stdout).toMatch(/^verified 0 events, root 47DEQpj8HBSa\+\/TImW\+5JCeuQeRkm5NMpJWZG3hSuFU=, checkpoints checked 1/);
      expect(first.code).toBe(0);
    } finally {
      await empty.drop();
    }
  });
});
