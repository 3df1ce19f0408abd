import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase } from '@renja/infrastructure/testing/test-database';
import { runCli } from '../support/processes';
import { buildSampleLedger, newKey, type OpenLedger } from '@renja/verification/testing/ledger-fixture';

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
    expect(exported.stderr).toMatch(/Mengekspor: 100%/);
    expect(exported.code).toBe(0);
    const root = (await ledger.tree.root(head)).toString('base64');
    expect(exported.stdout).toContain(
      `${head} peristiwa (semua peristiwa) diekspor ke ${file}\nCheckpoint berukuran ${head}, akar ${root}`,
    );

    const ok = await runCli(['verify', file, '--key', join(dir, 'public-key')]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(
      new RegExp(
        `^${head} peristiwa terverifikasi, akar ${root.replace(/[+/]/g, '\\$&')}, checkpoint diperiksa 1, \\d+ peristiwa/detik\\n`,
      ),
    );

    const lines = readFileSync(file, 'utf8').split('\n');
    lines[21] = lines[21].replace('"actor":"Inspektur Test"', '"actor":"Inspektur Tesu"'); // the event at position 21
    writeFileSync(file, lines.join('\n'));
    const bad = await runCli(['verify', file, '--key', key.verifierKey]);
    expect(bad.stdout).toMatch(
      /^GAGAL pada posisi 21: modified: peristiwa pada posisi 21 tidak menghasilkan hash yang dinyatakan untuknya \([0-9a-f]{64}\): isinya telah diubah\n/,
    );
    expect(bad.code).toBe(2);
  });

  it('exports and verifies one office, and insists on a key for a file', async () => {
    const file = join(dir, 'dkukm.jsonl');
    const exported = await runCli(['export', '--office', 'dkukm', '--out', file], env);
    expect(exported.stdout).toMatch(/\d+ peristiwa \(sebagian: perangkat daerah DKUKM\) diekspor ke /);
    const ok = await runCli(['verify', file, '--key', key.verifierKey]);
    expect(ok.stdout).toMatch(
      /^\d+ peristiwa terverifikasi, .*\nekspor sebagian: setiap peristiwa terbukti ada dalam pohon bertanda tangan berukuran \d+/,
    );
    expect(ok.code).toBe(0);
    const noKey = await runCli(['verify', file]);
    expect(noKey.stderr).toMatch(/--key wajib untuk memverifikasi berkas/);
    expect(noKey.code).toBe(1);
    const wrongKey = await runCli(['verify', file, '--key', newKey().verifierKey]);
    expect(wrongKey.stdout).toMatch(/^GAGAL pada posisi \d+: bad_signature: checkpoint ukuran \d+ tidak ditandatangani oleh /);
    expect(wrongKey.code).toBe(2);
  });

  it('verifies the live database with the deployment key, issuing a first checkpoint if there is none', async () => {
    const live = await runCli(['verify', '--database', '--batch-size', '10'], env);
    expect(live.stdout).toMatch(new RegExp(`^${head} peristiwa terverifikasi, akar \\S+, checkpoint diperiksa 4, \\d+ peristiwa/detik`));
    expect(live.stderr).toMatch(/Memverifikasi: 100%/);
    expect(live.code).toBe(0);
    const empty = await createTestDatabase('verify_cli');
    try {
      const first = await runCli(['verify', '--database'], { ...env, DATABASE_URL: empty.url });
      expect(first.stderr).toMatch(/Belum ada checkpoint: satu checkpoint berukuran 0 diterbitkan/);
      expect(first.stdout).toMatch(
        /^0 peristiwa terverifikasi, akar 47DEQpj8HBSa\+\/TImW\+5JCeuQeRkm5NMpJWZG3hSuFU=, checkpoint diperiksa 1/,
      );
      expect(first.code).toBe(0);
    } finally {
      await empty.drop();
    }
  });
});
