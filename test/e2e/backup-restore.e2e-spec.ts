import { chmodSync, copyFileSync, cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, ROOT, runCli } from '../support/processes';

const SAMPLE = join(ROOT, 'data', 'samples', 'dkukm-babel');
const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

/** An operator's backup and restore on the embedded default: the restored ledger is the same ledger, a tampered backup is refused. */
describe('renja-ledger backup and restore', () => {
  const work = mkdtempSync(join(tmpdir(), 'renja-backup-'));
  chmodSync(work, 0o755); // as root, the embedded PostgreSQL (user "postgres") must reach the data folders inside
  afterAll(() => rmSync(work, { recursive: true, force: true }));
  const source = join(work, 'source');
  const backup = join(work, 'backup');
  let envA: Record<string, string>;
  let verifierKey: string;

  const cli = async (env: Record<string, string>, ...args: string[]) => {
    const result = await runCli(args, { DATABASE_URL: undefined, RENJA_SAMPLE: 'none', ...env });
    if (result.code !== 0) console.log(`renja-ledger ${args.join(' ')} exited ${result.code}:\n${result.stdout}\n${result.stderr}`);
    return result;
  };
  const sameLedger = async (env: Record<string, string>, name: string) => {
    const file = join(work, `${name}.jsonl`);
    expect((await cli(env, 'export', '--out', file)).code).toBe(0);
    const reconciliation = await cli(env, 'report', 'reconciliation', '--year', '2022', '--office', 'DKUKM', '--format', 'json');
    expect(reconciliation.code).toBe(0);
    return { export: readFileSync(file, 'utf8'), reconciliation: reconciliation.stdout };
  };

  beforeAll(async () => {
    envA = { RENJA_DATA_DIR: source, RENJA_EMBEDDED_PG_PORT: String(await freePort()) };
    const token = await cli(envA, 'token', 'create', '--name', 'operator', '--role', 'admin,planner,finance', '--office', '*');
    expect(token.code).toBe(0);
    expect((await cli({ ...envA, RENJA_TOKEN: token.stdout.trim() }, 'import', SAMPLE)).code).toBe(0);
    expect((await cli(envA, 'checkpoint')).code).toBe(0);
    // One more event after the checkpoint: the backup must sign a checkpoint of its own snapshot's size.
    expect((await cli(envA, 'token', 'create', '--name', 'Siti (BPKAD)', '--role', 'finance', '--office', 'DKUKM')).code).toBe(0);
  }, 180_000);

  it('writes a backup without the signing key, verified as it is written', async () => {
    const result = await cli(envA, 'backup', backup);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Cadangan ditulis ke .*: \d+ peristiwa/);
    expect(result.stdout).toContain(`Kunci penanda tangan TIDAK ikut dicadangkan. Kunci itu ada di ${join(source, 'ledger-signing-key')}`);
    const manifest = JSON.parse(readFileSync(join(backup, 'manifest.json'), 'utf8')) as {
      size: number;
      verifierKey: string;
      tables: Record<string, number>;
    };
    verifierKey = manifest.verifierKey;
    expect(manifest.tables).toEqual(expect.objectContaining({ api_tokens: 2, ledger_checkpoints: 2 }));
    const signingKey = readFileSync(join(source, 'ledger-signing-key'), 'utf8').trim();
    // PRIVATE+KEY+<name>+<id>+<base64 seed>: the seed's base64 may itself hold '+', so it is all after the fourth.
    const seed = signingKey.split('+').slice(4).join('+');
    expect(seed).toHaveLength(44);
    for (const file of ['ledger.jsonl', 'tables.jsonl', 'manifest.json', 'checkpoint.txt'])
      expect(readFileSync(join(backup, file), 'utf8')).not.toContain(seed);
    // The checkpoint is of the whole snapshot: the export inside verifies on its own with the public key.
    expect(readFileSync(join(backup, 'checkpoint.txt'), 'utf8').split('\n')[1]).toBe(String(manifest.size));
    expect((await cli(envA, 'verify', join(backup, 'ledger.jsonl'), '--key', verifierKey)).code).toBe(0);
  }, 120_000);

  it('restores into a fresh data folder: the same log, verification clean, the same reports, read models rebuilt', async () => {
    const envB = { RENJA_DATA_DIR: join(work, 'restored'), RENJA_EMBEDDED_PG_PORT: String(await freePort()) };
    const restored = await cli(envB, 'restore', backup, '--key', verifierKey);
    expect(restored.code).toBe(0);
    expect(restored.stdout).toMatch(/Verifikasi basis data: bersih \(\d+ peristiwa, 2 checkpoint diperiksa\)/);
    expect(restored.stdout).toMatch(/Model baca "plan" dibangun ulang/);
    expect(restored.stdout).toContain('salin kunci penanda tangan');
    // The operator brings the signing key back from where it was kept apart, as the restore says.
    copyFileSync(join(source, 'ledger-signing-key'), join(envB.RENJA_DATA_DIR, 'ledger-signing-key'));
    expect((await cli(envB, 'verify', '--database', '--key', verifierKey)).code).toBe(0);
    const [before, after] = [await sameLedger(envA, 'a'), await sameLedger(envB, 'b')];
    expect(after.export).toBe(before.export);
    expect(JSON.parse(after.reconciliation)).toEqual(JSON.parse(before.reconciliation));
    // Restoring over a ledger that holds data is refused, and that ledger is left as it was.
    const again = await cli(envB, 'restore', backup, '--key', verifierKey);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/DITOLAK: .*tidak kosong|DITOLAK: basis data tujuan sudah berisi/);
    expect((await sameLedger(envB, 'b2')).export).toBe(before.export);
  }, 240_000);

  it("refuses a backup with one event's bytes changed and leaves nothing behind", async () => {
    const tampered = join(work, 'tampered');
    cpSync(backup, tampered, { recursive: true });
    const ledger = join(tampered, 'ledger.jsonl');
    const lines = readFileSync(ledger, 'utf8').split('\n');
    const victim = lines.findIndex((l) => /"amount":"\d+\.\d\d"/.test(l));
    lines[victim] = lines[victim].replace(/"amount":"(\d)/, (_m, d: string) => `"amount":"${(Number(d) + 1) % 10}`);
    writeFileSync(ledger, lines.join('\n'));
    const envC = { RENJA_DATA_DIR: join(work, 'from-tampered'), RENJA_EMBEDDED_PG_PORT: String(await freePort()) };

    // Changed by accident: the manifest's SHA-256 no longer matches.
    const corrupted = await cli(envC, 'restore', tampered, '--key', verifierKey);
    expect([corrupted.code, corrupted.stderr]).toEqual([2, expect.stringContaining('berkas ledger.jsonl berubah sejak cadangan dibuat')]);

    // Changed on purpose, manifest updated too: the signed checkpoint still catches it, at the event's position.
    const manifestFile = join(tampered, 'manifest.json');
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as { files: Record<string, string> };
    manifest.files['ledger.jsonl'] = sha256(ledger);
    writeFileSync(manifestFile, JSON.stringify(manifest));
    const forged = await cli(envC, 'restore', tampered, '--key', verifierKey);
    expect(forged.code).toBe(2);
    expect(forged.stderr).toContain(`posisi ${victim}, modified`);
    expect(forged.stderr).toContain('Tidak ada data yang dipulihkan');
    expect(existsSync(envC.RENJA_DATA_DIR)).toBe(false);
  }, 120_000);

  it('refuses a checkpoint row that disagrees with its signed note, inside the restore transaction, and removes the new folder', async () => {
    const tampered = join(work, 'tampered-tables');
    cpSync(backup, tampered, { recursive: true });
    const tables = join(tampered, 'tables.jsonl');
    const text = readFileSync(tables, 'utf8').replace(
      /"root_hash":"\\\\x(.)/,
      (_m, c: string) => `"root_hash":"\\\\x${c === '0' ? '1' : '0'}`,
    );
    expect(text).not.toBe(readFileSync(tables, 'utf8'));
    writeFileSync(tables, text);
    const manifestFile = join(tampered, 'manifest.json');
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as { files: Record<string, string> };
    manifest.files['tables.jsonl'] = sha256(tables);
    writeFileSync(manifestFile, JSON.stringify(manifest));
    const envD = { RENJA_DATA_DIR: join(work, 'from-tampered-tables'), RENJA_EMBEDDED_PG_PORT: String(await freePort()) };
    const result = await cli(envD, 'restore', tampered, '--key', verifierKey);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('memuat akar yang lain dari catatan bertanda tangannya');
    expect(existsSync(envD.RENJA_DATA_DIR)).toBe(false);
  }, 120_000);
});
