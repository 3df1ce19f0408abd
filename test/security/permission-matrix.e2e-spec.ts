import { ROLES, type Role } from '@renja/application';
import { ledgerDigest } from '../support/ledger-digest';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * Every role × every endpoint × in and out of its office scope, over HTTP. Each role's token is scoped
 * to DKUKM; BPKAD is the office outside. A refusal is a 403 naming the role needed and the scope, and
 * leaves the events table exactly as it was; an allowed request is never a 401/403 (it may still be a
 * 409 or 422 for business reasons, which is the business rules' concern, not the policy's).
 */
const IN = 'DKUKM';
const OUT = 'BPKAD';
const LEGAL = { kind: 'Perda', number: '10 Tahun 2021', date: '2021-12-30' };
const base = (office: string) => `/api/v1/years/2022/offices/${office}`;
const sub = (office: string) => `${base(office)}/lines/2.17.07.1.01.0001`;

interface Fixture {
  /** Event ids per office: a realisation, a target revision, an APBD pagu change, a RENJA pagu change. */
  events: Record<string, { realisation: string; target: string; apbd: string; renja: string }>;
  tokenIds: Record<string, number>;
}

interface Endpoint {
  name: string;
  method: 'get' | 'post' | 'delete';
  path: (office: string, f: Fixture) => string;
  body?: (office: string, f: Fixture) => object;
  /** null: no office involved (the scope does not apply). */
  scoped: boolean;
  roles: Role[];
}

const ENDPOINTS: Endpoint[] = [
  {
    name: 'register office',
    method: 'post',
    path: () => '/api/v1/offices',
    body: (o) => ({ code: o, name: 'Kantor' }),
    scoped: true,
    roles: ['admin'],
  },
  {
    name: 'register line',
    method: 'post',
    path: (o) => `${base(o)}/lines`,
    body: () => ({ code: '2.17.07.1.01.0002', name: 'Sub kegiatan baru' }),
    scoped: true,
    roles: ['planner'],
  },
  {
    name: 'define indicator',
    method: 'post',
    path: (o) => `${sub(o)}/indicators`,
    body: () => ({ name: 'Jumlah UMKM', unit: 'unit', direction: 'higher_is_better' }),
    scoped: true,
    roles: ['planner'],
  },
  {
    name: 'revise target',
    method: 'post',
    path: (o) => `${sub(o)}/targets`,
    body: () => ({ indicator: 'IK-1', value: '12', reason: 'revisi', effectiveDate: '2022-02-01' }),
    scoped: true,
    roles: ['planner'],
  },
  {
    name: 'pagu RENJA',
    method: 'post',
    path: (o) => `${sub(o)}/pagu`,
    body: () => ({ phase: 'RENJA', fundingSource: 'DAU', amount: '600000000.00', reason: 'pagu indikatif', effectiveDate: '2022-01-02' }),
    scoped: true,
    roles: ['planner'],
  },
  {
    name: 'pagu PRAKIRAAN_MAJU',
    method: 'post',
    path: (o) => `${sub(o)}/pagu`,
    body: () => ({
      phase: 'PRAKIRAAN_MAJU',
      fundingSource: 'DAU',
      amount: '700000000.00',
      reason: 'prakiraan maju',
      effectiveDate: '2022-01-02',
    }),
    scoped: true,
    roles: ['planner'],
  },
  {
    name: 'pagu APBD',
    method: 'post',
    path: (o) => `${sub(o)}/pagu`,
    body: () => ({
      phase: 'APBD',
      fundingSource: 'DAK',
      amount: '1000.00',
      reason: 'APBD',
      legalBasis: LEGAL,
      effectiveDate: '2022-01-03',
    }),
    scoped: true,
    roles: ['finance'],
  },
  {
    name: 'pagu APBD_P addition',
    method: 'post',
    path: (o) => `${sub(o)}/pagu`,
    body: () => ({
      phase: 'APBD_P',
      fundingSource: 'DID',
      delta: '1000.00',
      reason: 'DID',
      legalBasis: LEGAL,
      effectiveDate: '2022-11-08',
    }),
    scoped: true,
    roles: ['finance'],
  },
  {
    name: 'realisation',
    method: 'post',
    path: (o) => `${sub(o)}/realisations`,
    body: () => ({ period: '2022-Q2', amount: '1000.00' }),
    scoped: true,
    roles: ['finance'],
  },
  {
    name: 'renstra figures',
    method: 'post',
    path: (o) => `${sub(o)}/renstra`,
    body: () => ({ targetRp: '5000000.00', realisedToLastYearRp: '2000000.00' }),
    scoped: true,
    roles: ['planner'],
  },
  {
    name: 'evaluation note',
    method: 'post',
    path: (o) => `${base(o)}/evaluation-notes`,
    body: () => ({ period: '2022-Q3', pendorong: 'Dukungan pimpinan' }),
    scoped: true,
    roles: ['planner'],
  },
  {
    name: 'shift',
    method: 'post',
    path: (o) => `${base(o)}/shifts`,
    body: () => ({
      fromCode: '2.17.07.1.01.0001',
      toCode: '2.17.07.1.01.0003',
      amount: '10.00',
      fundingSource: 'DAU',
      reason: 'pergeseran',
      legalBasis: LEGAL,
      effectiveDate: '2022-06-01',
    }),
    scoped: true,
    roles: ['finance'],
  },
  {
    name: 'correct a realisation',
    method: 'post',
    path: (o, f) => `/api/v1/events/${f.events[o].realisation}/corrections`,
    body: () => ({ reason: 'salah input', amount: '90000.00' }),
    scoped: true,
    roles: ['finance'],
  },
  {
    name: 'correct a target',
    method: 'post',
    path: (o, f) => `/api/v1/events/${f.events[o].target}/corrections`,
    body: () => ({ reason: 'salah input', value: '11' }),
    scoped: true,
    roles: ['planner'],
  },
  {
    name: 'correct an APBD pagu',
    method: 'post',
    path: (o, f) => `/api/v1/events/${f.events[o].apbd}/corrections`,
    body: () => ({ reason: 'salah input', legalBasis: LEGAL, amount: '500000000.00' }),
    scoped: true,
    roles: ['finance'],
  },
  {
    name: 'correct a RENJA pagu',
    method: 'post',
    path: (o, f) => `/api/v1/events/${f.events[o].renja}/corrections`,
    body: () => ({ reason: 'salah input', amount: '550000000.00' }),
    scoped: true,
    roles: ['planner'],
  },
  {
    name: 'grant a token',
    method: 'post',
    path: () => '/api/v1/tokens',
    body: (o) => ({ name: `Operator ${o}`, roles: ['finance'], offices: [o], expires: '30d' }),
    scoped: true,
    roles: ['admin'],
  },
  { name: 'revoke a token', method: 'delete', path: (o, f) => `/api/v1/tokens/${f.tokenIds[o]}`, scoped: true, roles: ['admin'] },
  { name: 'read the plan', method: 'get', path: (o) => `${base(o)}/plan`, scoped: true, roles: [...ROLES] },
  { name: 'read a line', method: 'get', path: (o) => sub(o), scoped: true, roles: [...ROLES] },
  { name: 'read a history', method: 'get', path: (o) => `${sub(o)}/history`, scoped: true, roles: [...ROLES] },
  { name: 'read an office', method: 'get', path: (o) => `/api/v1/offices/${o}`, scoped: true, roles: [...ROLES] },
  { name: 'read a report', method: 'get', path: (o) => `${base(o)}/reports/absorption`, scoped: true, roles: [...ROLES] },
  { name: 'read the consistency report', method: 'get', path: (o) => `${base(o)}/reports/consistency`, scoped: true, roles: [...ROLES] },
  { name: 'verify the ledger', method: 'post', path: () => '/api/v1/ledger/verification', scoped: false, roles: ['admin', 'inspector'] },
  { name: 'issue a checkpoint', method: 'post', path: () => '/api/v1/ledger/checkpoints', scoped: false, roles: ['admin', 'inspector'] },
];

describe('permission matrix: every role × every endpoint × in/out of office scope', () => {
  let t: TestApp;
  const tokens = {} as Record<Role, string>;
  const fixture: Fixture = { events: {}, tokenIds: {} };

  beforeAll(async () => {
    t = await startTestApp();
    const post = async (path: string, body: object) => {
      const res = await t.http().post(path).send(body);
      if (res.status !== 201) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body.eventIds[0] as string;
    };
    for (const office of [IN, OUT]) {
      await post('/api/v1/offices', { code: office, name: `Kantor ${office}` });
      for (const code of ['2.17.07', '2.17.07.1.01', '2.17.07.1.01.0001', '2.17.07.1.01.0003'])
        await post(`${base(office)}/lines`, { code, name: `Baris ${code}` });
      await post(`${sub(office)}/indicators`, { name: 'Jumlah UMKM', unit: 'unit', direction: 'higher_is_better' });
      const target = await post(`${sub(office)}/targets`, {
        indicator: 'IK-1',
        value: '10',
        reason: 'target awal',
        effectiveDate: '2022-01-03',
      });
      const renja = await post(`${sub(office)}/pagu`, {
        phase: 'RENJA',
        fundingSource: 'DAU',
        amount: '500000000.00',
        reason: 'pagu indikatif',
        effectiveDate: '2022-01-02',
      });
      const apbd = await post(`${sub(office)}/pagu`, {
        phase: 'APBD',
        fundingSource: 'DAU',
        amount: '653027794.00',
        reason: 'APBD murni',
        legalBasis: LEGAL,
        effectiveDate: '2022-01-03',
      });
      const realisation = await post(`${sub(office)}/realisations`, { period: '2022-Q1', amount: '95000000.00' });
      fixture.events[office] = { realisation, target, apbd, renja };
      fixture.tokenIds[office] = (
        await t
          .http()
          .post('/api/v1/tokens')
          .send({ name: `Lama ${office}`, roles: ['planner'], offices: [office] })
          .expect(201)
      ).body.id;
    }
    for (const role of ROLES) tokens[role] = await t.tokenFor([role], [IN], `${role} ${IN}`);
  });
  afterAll(() => t.close());

  const send = (e: Endpoint, office: string, token: string) => {
    const req = t.anonymous()[e.method](e.path(office, fixture)).set('Authorization', `Bearer ${token}`);
    return e.body ? req.send(e.body(office, fixture)) : req;
  };

  const cases = ENDPOINTS.flatMap((e) =>
    ROLES.flatMap((role) =>
      (e.scoped ? [IN, OUT] : [IN]).map((office) => [e.name, role, office === IN ? 'in scope' : 'out of scope', e, office] as const),
    ),
  );

  it.each(cases)('%s as %s, %s', async (_name, role, _scope, endpoint, office) => {
    const allowed = endpoint.roles.includes(role) && office === IN;
    const before = await ledgerDigest(t.pool);
    const res = await send(endpoint, office, tokens[role]);
    expect(res.status).toBeLessThan(500);
    if (allowed) {
      expect([401, 403]).not.toContain(res.status);
    } else {
      expect(res.status).toBe(403);
      expect(res.body).toMatchObject({ statusCode: 403, rule: 'FORBIDDEN', scope: `offices ${IN}` });
      expect(res.body.message).toMatch(
        endpoint.roles.includes(role)
          ? new RegExp(
              `perangkat daerah ${office} berada di luar cakupan|dalam cakupannya sendiri .* tidak untuk perangkat daerah ${office}`,
            )
          : /memerlukan peran/,
      );
      expect(res.body.rolesNeeded.length).toBeGreaterThan(0);
      expect(await ledgerDigest(t.pool)).toBe(before);
    }
  });

  // POST /imports: every row is checked like the command it becomes; a pagu file of one APBD_P addition needs finance in its office.
  const importCases = ROLES.flatMap((role) =>
    [IN, OUT].map((office) => [role, office === IN ? 'in scope' : 'out of scope', office] as const),
  );
  it.each(importCases)('import of an APBD_P addition as %s, %s', async (role, scope, office) => {
    const csv = [
      'Tahun,Perangkat Daerah,Kode,Tahapan,Sumber Dana,Perubahan,Tanggal Berlaku,Alasan,Jenis Dasar Hukum,Nomor Dasar Hukum,Tanggal Dasar Hukum',
      // an amount of its own: a row identical to a change already recorded counts as unchanged (docs/import-format.md)
      `2022,${office},2.17.07.1.01.0001,APBD-P,DID,${1000 + ROLES.indexOf(role) * 10 + (office === IN ? 1 : 2)}.00,2022-11-08,Impor ${role} ${scope},PMK,170/PMK.07/2022,2022-11-08`,
    ].join('\n');
    const before = await ledgerDigest(t.pool);
    const res = await t
      .anonymous()
      .post('/api/v1/imports')
      .set('Authorization', `Bearer ${tokens[role]}`)
      .attach('file', Buffer.from(csv), 'pagu.csv');
    expect(res.status).toBeLessThan(500);
    if (role === 'finance' && office === IN) {
      expect([res.status, res.body.status]).toEqual([201, 'imported']);
    } else if (role === 'finance') {
      // Outside the token's offices is answered as an unknown office (issue 14): nothing about that office leaks.
      expect([res.status, res.body.rule]).toEqual([422, 'IMPORT_INVALID']);
      expect(res.body.problems.map((p: { rule: string }) => p.rule)).toEqual(['OFFICE_UNKNOWN']);
      expect(res.body.problems[0].message).toMatch(/tidak dikenal atau di luar kantor Anda/);
      expect(await ledgerDigest(t.pool)).toBe(before);
    } else {
      expect([res.status, res.body.rule]).toEqual([403, 'IMPORT_FORBIDDEN']);
      const forbidden = res.body.problems.filter((p: { rule: string }) => p.rule === 'FORBIDDEN');
      expect(forbidden[0].message).toMatch(/needs the role finance/);
      expect(await ledgerDigest(t.pool)).toBe(before);
    }
  });

  it('lists only the offices in scope, and logs each refusal with the token name, never the secret', async () => {
    const list = await t.anonymous().get('/api/v1/offices').set('Authorization', `Bearer ${tokens.inspector}`).expect(200);
    expect(list.body.map((o: { code: string }) => o.code)).toEqual([IN]);
    expect(t.refusals.some((line) => line.includes('403') && line.includes('"inspector DKUKM"'))).toBe(true);
    for (const secret of Object.values(tokens)) expect(t.refusals.join('\n')).not.toContain(secret);
  });
});
