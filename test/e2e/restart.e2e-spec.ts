import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, runCli, startServer, stopServer } from '../support/processes';

/** `npm start` as a new user meets it: embedded PostgreSQL, data kept across restarts. */
describe('the server on its embedded PostgreSQL', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'renja-ledger-restart-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('creates an admin token on first start and keeps every event across a restart', async () => {
    const env = {
      DATABASE_URL: undefined,
      RENJA_DATA_DIR: dataDir,
      PORT: String(await freePort()),
      RENJA_EMBEDDED_PG_PORT: String(await freePort()),
    };
    const api = `http://127.0.0.1:${env.PORT}/api/v1`;

    const first = await startServer(env);
    expect(first.output()).toMatch(/First start: created the admin API token/);
    expect(first.output()).toMatch(/app role renja_app, migrations as renja_owner/);
    const token = readFileSync(join(dataDir, 'admin-token'), 'utf8').trim();
    const headers = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
    const write = (path: string, body: object) => fetch(`${api}${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
    // The first-start token is an admin's who can also record (README's walk-through uses it for everything).
    const listed = (await (await fetch(`${api}/tokens`, { headers })).json()) as Array<{ name: string; roles: string[]; offices: unknown }>;
    expect(listed).toEqual([expect.objectContaining({ name: 'admin', roles: ['admin', 'finance', 'planner'], offices: '*' })]);
    expect((await write('/offices', { code: 'DKUKM', name: 'Dinas KUKM' })).status).toBe(201);
    expect((await write('/years/2022/offices/DKUKM/lines', { code: '2.17.07', name: 'Pemberdayaan UMKM' })).status).toBe(201);
    const pagu = await write('/years/2022/offices/DKUKM/lines/2.17.07/pagu', {
      phase: 'APBD',
      fundingSource: 'DAU',
      amount: '653027794.00',
      reason: 'APBD murni',
      legalBasis: { kind: 'Perda', number: '10 Tahun 2021', date: '2021-12-30' },
      effectiveDate: '2022-01-03',
    });
    expect(pagu.status).toBe(201);
    const before = await (await fetch(`${api}/years/2022/offices/DKUKM/lines/2.17.07/history`, { headers })).json();
    expect(await stopServer(first.child)).toBe(0);

    const keyLine = /Checkpoints are signed by (\S+)/;
    const second = await startServer(env);
    try {
      expect(second.output()).not.toMatch(/First start/);
      expect(second.output()).not.toMatch(/Created the checkpoint signing key/);
      expect(keyLine.exec(second.output())?.[1]).toBe(keyLine.exec(first.output())?.[1]);
      const after = await (await fetch(`${api}/years/2022/offices/DKUKM/lines/2.17.07/history`, { headers })).json();
      expect(after).toEqual(before);
      const line = (await (await fetch(`${api}/years/2022/offices/DKUKM/lines/2.17.07`, { headers })).json()) as { currentPagu: string };
      expect(line.currentPagu).toBe('653027794.00');
      expect((await write('/years/2022/offices/DKUKM/lines', { code: '2.17.08', name: 'Pengembangan UMKM' })).status).toBe(201);
    } finally {
      const code = await stopServer(second.child);
      if (code !== 0) console.log(`the restarted server exited with ${code}; it said:\n${second.output()}`);
      expect(code).toBe(0);
    }
    // The operator's rebuild on the embedded default runs as the tables' owner role: beside the live tables, then switched.
    const rebuilt = await runCli(['projections', 'rebuild'], env);
    expect([rebuilt.code, rebuilt.stdout]).toEqual([0, expect.stringContaining('Proyeksi "plan" dibangun ulang')]);
    expect(rebuilt.stdout).toContain('Dibangun di samping tabel yang dipakai, lalu ditukar');
  });
});
