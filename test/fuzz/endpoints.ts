import fc from 'fast-check';

/** What a path is built from; the fuzzer replaces some of these with hostile segments. */
export interface PathValues {
  year: string;
  office: string;
  code: string;
  eventId: string;
  tokenId: string;
}

/**
 * One write endpoint: its path, and for each body field an arbitrary of values it accepts (the fuzzer
 * mixes these with hostile ones, drops fields and adds unknown ones). Adding an endpoint (the importer's,
 * after the merge) is one more entry here.
 */
export interface FuzzEndpoint {
  name: string;
  method: 'post' | 'delete';
  path: (p: PathValues) => string;
  fields: Record<string, fc.Arbitrary<unknown>>;
  /** Fields a valid body may leave out (the rest are always sent in a valid body). */
  optional?: string[];
}

const line = (p: PathValues) => `/api/v1/years/${p.year}/offices/${p.office}/lines/${p.code}`;
const amount = fc.oneof(
  fc.constantFrom('1000.00', '0.01', '250000000.00', '653027794.00'),
  fc.bigInt({ min: 0n, max: 10n ** 15n }).map((n) => `${n}.00`),
);
const delta = fc.oneof(
  amount,
  amount.map((a) => `-${a}`),
);
const date = fc
  .date({ min: new Date('2021-06-01'), max: new Date('2023-06-30'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const legalBasis = fc.record({
  kind: fc.constantFrom('Perda', 'Perkada', 'PMK', 'DPA'),
  number: fc.constantFrom('10 Tahun 2021', '170/PMK.07/2022'),
  date,
});
const text = fc.oneof(fc.constantFrom('APBD murni 2022', 'Tambahan DID', 'revisi'), fc.string({ minLength: 1, maxLength: 40 }));
const phase = fc.constantFrom('RKPD', 'RENJA', 'KUA_PPAS', 'APBD', 'PERGESERAN', 'APBD_P', 'PRAKIRAAN_MAJU');
const period = fc.oneof(
  fc.integer({ min: 1, max: 12 }).map((m) => `2022-${String(m).padStart(2, '0')}`),
  fc.integer({ min: 1, max: 4 }).map((q) => `2022-Q${q}`),
);
const lineCode = fc.constantFrom(
  '2.17.07',
  '2.17.07.1.01',
  '2.17.07.1.01.0001',
  '2.17.07.1.01.0002',
  '2.17.07.1.01.01',
  '2.17.08',
  '2.17.07.1.02',
);

export const WRITE_ENDPOINTS: FuzzEndpoint[] = [
  {
    name: 'offices',
    method: 'post',
    path: () => '/api/v1/offices',
    fields: { code: fc.constantFrom('DKUKM', 'BPKAD', 'dinkes', 'X-1'), name: text },
  },
  {
    name: 'lines',
    method: 'post',
    path: (p) => `/api/v1/years/${p.year}/offices/${p.office}/lines`,
    fields: { code: lineCode, name: text },
  },
  {
    name: 'indicators',
    method: 'post',
    path: (p) => `${line(p)}/indicators`,
    fields: { name: text, unit: fc.constantFrom('unit', '%', 'orang'), direction: fc.constantFrom('higher_is_better', 'lower_is_better') },
  },
  {
    name: 'targets',
    method: 'post',
    path: (p) => `${line(p)}/targets`,
    fields: {
      indicator: fc.constantFrom('IK-1', 'IK-2'),
      value: fc.constantFrom('10', '12.5', '0'),
      reason: text,
      effectiveDate: date,
      legalBasis,
    },
    optional: ['legalBasis'],
  },
  {
    name: 'pagu',
    method: 'post',
    path: (p) => `${line(p)}/pagu`,
    fields: { phase, fundingSource: fc.constantFrom('DAU', 'DID', 'PAD'), amount, delta, reason: text, legalBasis, effectiveDate: date },
    optional: ['amount', 'delta', 'legalBasis'],
  },
  {
    name: 'realisations',
    method: 'post',
    path: (p) => `${line(p)}/realisations`,
    fields: {
      period,
      amount,
      outputs: fc.array(fc.record({ indicator: fc.constantFrom('IK-1'), value: fc.constantFrom('1', '2.5') }), { maxLength: 2 }),
      effectiveDate: date,
    },
    optional: ['amount', 'outputs', 'effectiveDate'],
  },
  {
    name: 'shifts',
    method: 'post',
    path: (p) => `/api/v1/years/${p.year}/offices/${p.office}/shifts`,
    fields: {
      fromCode: lineCode,
      toCode: lineCode,
      amount,
      fundingSource: fc.constantFrom('DAU'),
      reason: text,
      legalBasis,
      effectiveDate: date,
    },
  },
  {
    name: 'corrections',
    method: 'post',
    path: (p) => `/api/v1/events/${p.eventId}/corrections`,
    fields: {
      reason: text,
      legalBasis,
      amount,
      delta,
      phase,
      fundingSource: fc.constantFrom('DAU', 'DAK'),
      effectiveDate: date,
      period,
      value: fc.constantFrom('11', '0'),
    },
    optional: ['legalBasis', 'amount', 'delta', 'phase', 'fundingSource', 'effectiveDate', 'period', 'value'],
  },
  {
    name: 'tokens',
    method: 'post',
    path: () => '/api/v1/tokens',
    fields: {
      name: text,
      roles: fc.subarray(['admin', 'planner', 'finance', 'inspector'], { minLength: 1 }),
      offices: fc.oneof(fc.constant('*'), fc.constant(['DKUKM'])),
      expires: fc.constantFrom('30d', '2030-01-01', 'never'),
    },
    optional: ['expires'],
  },
  { name: 'token revocation', method: 'delete', path: (p) => `/api/v1/tokens/${p.tokenId}`, fields: {} },
];
