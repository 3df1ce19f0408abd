import { PassThrough } from 'node:stream';
import { canonicalJson as serverCanonicalJson, eventHash as serverEventHash, type RecordedEvent } from '@renja/event-store';
import { generateSignerKey, parseCheckpoint as serverParseCheckpoint, parseSignerKey, signCheckpoint } from '@renja/integrity';
import { writeExport } from '@renja/verification/write-export';
import { buildSampleLedger, newKey, ORIGIN, type OpenLedger } from '@renja/verification/testing/ledger-fixture';
import { fromBase64, toBase64, toHex } from './bytes';
import { canonicalJson } from './canonical-json';
import { eventHash, leafText, type EvidenceEvent } from './leaf';
import { openCheckpoint, parseVerifierKey } from './note';
import { parseEvidenceLines, verifyLineEvidence, type LineEvidence } from './verify-line';

describe('canonicalJson (browser) against the server encoder', () => {
  const cases: Array<[string, unknown]> = [
    ['nested members sorted at every depth', { b: 1, a: [true, null, 'x'], A: { d: 2, c: { z: [], y: {} } } }],
    [
      'RFC 8785 §3.2.3 order by UTF-16 code units',
      { '\u20ac': 1, '\r': 2, '\ufb33': 3, '1': 4, '\u00f6': 5, '\ud83d\ude00': 6, '\u0080': 7 },
    ],
    ['escapes', { s: 'quote " backslash \\ \b\t\n\f\r \u0000 \u001f \u007f slash /', lone: '\ud800' }],
    ['unicode as itself', { name: 'Dinas Kesehatan — Rp 1.653.027.794,00 €', emoji: '😀', nfc: 'e\u0301' }],
    ['numbers', [1e21, 1e-7, 0.1, -0, 2022, 123456789012345680000, 5e-324, 1.7976931348623157e308, -1.5, 0.000001, 1e20]],
    ['absent members dropped, null kept', { a: undefined, b: null, c: [null] }],
  ];
  it.each(cases)('%s', (_, value) => expect(canonicalJson(value)).toBe(serverCanonicalJson(value)));

  it('writes the RFC 8785 forms by hand', () => {
    expect(canonicalJson([1e21, 0.1, -0, 1, 1.0])).toBe('[1e+21,0.1,0,1,1]');
    expect(canonicalJson({ b: { d: 1, c: 2 }, a: '\u0007é\n' })).toBe('{"a":"\\u0007é\\n","b":{"c":2,"d":1}}');
    expect(() => canonicalJson({ x: Number.NaN })).toThrow(/NaN/);
  });
});

describe('the worked example of docs/verification.md §6', () => {
  const note =
    'example.renja-ledger/doc\n2\nMX04RzUgBmYsXaoIRh4caLqGa+56S38EaClVw9gE83M=\n\n' +
    '— example.renja-ledger/doc DNdp0Eg8X9Jj8Tbf600aBC82fKB9zoMF2M9yk4pDzMHwGCVXxEWj56Sy4y8HHqDnJq+E28TmYzGJ99xeq2HsKEJtlwU=\n';
  const vkey = 'example.renja-ledger/doc+0cd769d0+AQOhB7/zzhC+HXDdGOdLwJln5NYwm6UNXx3chmQSVTG4';
  const h1 = 'bdca2efbec64e5243f8aec444bcbf35707b21baf2a6b3d8a95e80ed80eee5c22';
  const event2: EvidenceEvent = {
    position: 2,
    eventId: '7b1e0f3a-2c4d-4e5f-8a9b-0c1d2e3f4a5b',
    streamId: 'line-2022-DKUKM-2.17.07.1.01.0001',
    version: 1,
    type: 'pagu.changed',
    schemaVersion: 1,
    data: { phase: 'APBD', fundingSource: 'DAU', operation: 'set', amount: '653027794.00' },
    metadata: {
      actor: 'Siti (BPKAD)',
      correlationId: '9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a',
      causationId: null,
      effectiveDate: '2022-01-03',
      legalBasis: { kind: 'Perda', number: '10 Tahun 2021', date: '2021-12-30' },
      reason: 'APBD murni 2022',
    },
    recordedAt: '2022-01-03T01:15:02.987654Z',
    previousHash: h1,
    hash: '81731ff3a7f03ae3b133a91b85df885bdaa33f14ac93700462b229e186729c3c',
    inclusionProof: ['vcou++xk5SQ/iuxES8vzVweyG68qaz2KlegO2A7uXCI='],
  };

  it('parses the verifier key, opens the checkpoint and hashes the event exactly as documented', async () => {
    const key = await parseVerifierKey(vkey);
    expect({ name: key.name, keyId: key.keyId, publicKey: toHex(key.publicKey) }).toEqual({
      name: 'example.renja-ledger/doc',
      keyId: '0cd769d0',
      publicKey: '03a107bff3ce10be1d70dd18e74bc09967e4d6309ba50d5f1ddc8664125531b8',
    });
    const checkpoint = await openCheckpoint(note, key);
    expect(toHex(checkpoint.root)).toBe('317d3847352006662c5daa08461e1c68ba866bee7a4b7f04682955c3d804f373');
    expect(toHex(await eventHash(event2))).toBe(event2.hash);
  });

  it('verifies the partial line evidence of the example', async () => {
    const evidence: LineEvidence = {
      header: {
        format: 'renja-ledger-export',
        version: 1,
        origin: 'example.renja-ledger/doc',
        verifierKey: vkey,
        checkpoint: note,
        filter: { office: 'DKUKM', year: 2022, line: '2.17.07.1.01.0001' },
      },
      events: [event2],
    };
    const result = await verifyLineEvidence(evidence, vkey);
    expect(result).toMatchObject({
      ok: true,
      events: 1,
      checkpoint: {
        origin: 'example.renja-ledger/doc',
        size: 2,
        rootBase64: 'MX04RzUgBmYsXaoIRh4caLqGa+56S38EaClVw9gE83M=',
        keyId: '0cd769d0',
      },
    });
    expect(result.steps.map((s) => s.kind)).toEqual(['signature', 'order', 'leaf', 'inclusion']);
  });

  it('refuses malformed keys, key ids that do not match and lenient base64', async () => {
    await expect(parseVerifierKey(vkey.replace('0cd769d0', '0cd769d1'))).rejects.toMatchObject({ reason: 'malformed-key' });
    await expect(parseVerifierKey(vkey.replace('+AQ', '+AA'))).rejects.toMatchObject({ reason: 'malformed-key' });
    await expect(parseVerifierKey('no-plus-signs')).rejects.toMatchObject({ reason: 'malformed-key' });
    expect(fromBase64('AQ')).toBeUndefined(); // no padding
    expect(fromBase64('AR==')).toBeUndefined(); // non-zero padding bits
    expect(toBase64(fromBase64('vcou++xk5SQ/iuxES8vzVweyG68qaz2KlegO2A7uXCI=')!)).toBe('vcou++xk5SQ/iuxES8vzVweyG68qaz2KlegO2A7uXCI=');
  });
});

describe('verifyLineEvidence against a real ledger and a partial export written by the server', () => {
  const key = newKey();
  const filter = { office: 'DKUKM', year: 2023, line: '2.17.07.1.01.0001' };
  let ledger: OpenLedger;
  let evidence: LineEvidence;

  beforeAll(async () => {
    ({ ledger } = await buildSampleLedger(key));
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (c: Buffer) => chunks.push(c));
    await writeExport(ledger.pool, out, { filter, verifierKey: key.verifierKey });
    out.end();
    evidence = parseEvidenceLines(Buffer.concat(chunks).toString('utf8'));
  });
  afterAll(() => ledger.drop());

  const copy = (): LineEvidence => JSON.parse(JSON.stringify(evidence)) as LineEvidence;

  it('accepts the untouched evidence: every step ok', async () => {
    expect(evidence.events.length).toBeGreaterThanOrEqual(5);
    const result = await verifyLineEvidence(evidence, key.verifierKey);
    const size = serverParseCheckpoint(evidence.header.checkpoint.slice(0, evidence.header.checkpoint.lastIndexOf('\n\n') + 1)).size;
    expect(result).toMatchObject({
      ok: true,
      events: evidence.events.length,
      checkpoint: { origin: ORIGIN, size, keyId: key.verifierKey.split('+')[1] },
    });
    expect(result.firstFailure).toBeUndefined();
    expect(result.steps).toHaveLength(1 + 3 * evidence.events.length);
    expect(result.steps.every((s) => s.ok)).toBe(true);
  });

  it('writes the same leaf bytes and hashes as the server for every event', async () => {
    for (const e of evidence.events) {
      const recorded: RecordedEvent = {
        position: e.position,
        id: e.eventId,
        streamId: e.streamId,
        version: e.version,
        type: e.type,
        schemaVersion: e.schemaVersion,
        data: e.data as RecordedEvent['data'],
        metadata: e.metadata as RecordedEvent['metadata'],
        recordedAt: e.recordedAt,
      };
      expect(toHex(await eventHash(e))).toBe(serverEventHash(recorded, Buffer.from(e.previousHash, 'hex')).toString('hex'));
      expect(leafText(e)).toContain(`"previousHash":"${e.previousHash}"`);
    }
  });

  it('names a changed amount as a leaf failure at its position, with both hashes', async () => {
    const tampered = copy();
    const target = tampered.events.find((e) => typeof (e.data as { amount?: unknown }).amount === 'string')!;
    (target.data as { amount: string }).amount = '1.00';
    const result = await verifyLineEvidence(tampered, key.verifierKey);
    expect(result.ok).toBe(false);
    expect(result.firstFailure).toMatchObject({
      kind: 'leaf',
      position: target.position,
      reason: 'hash-mismatch',
      expected: target.hash,
      computed: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(result.firstFailure!.computed).not.toBe(target.hash);
    expect(result.steps.filter((s) => !s.ok).every((s) => s.position === target.position)).toBe(true);
  });

  it('names a changed proof node as an inclusion failure', async () => {
    const tampered = copy();
    const target = tampered.events[2];
    const node = fromBase64(target.inclusionProof[0])!;
    node[0] ^= 1;
    target.inclusionProof[0] = toBase64(node);
    const result = await verifyLineEvidence(tampered, key.verifierKey);
    expect(result.ok).toBe(false);
    expect(result.firstFailure).toMatchObject({ kind: 'inclusion', position: target.position, reason: 'root-mismatch' });
    expect(result.steps.filter((s) => !s.ok)).toHaveLength(1);
  });

  it('names a proof cut short as an inclusion failure', async () => {
    const tampered = copy();
    tampered.events[1].inclusionProof.pop();
    expect((await verifyLineEvidence(tampered, key.verifierKey)).firstFailure).toMatchObject({
      kind: 'inclusion',
      position: tampered.events[1].position,
      reason: 'proof-too-short',
    });
  });

  it('refuses the checkpoint with another pinned key', async () => {
    const result = await verifyLineEvidence(evidence, newKey().verifierKey);
    expect(result.ok).toBe(false);
    expect(result.firstFailure).toMatchObject({ kind: 'signature', reason: 'no-signature' });
    expect(result.steps).toHaveLength(1);
  });

  it('refuses a note forged with another key even when the header names that key', async () => {
    const forger = generateSignerKey(ORIGIN); // same name, another key
    const claimed = serverParseCheckpoint(evidence.header.checkpoint.slice(0, evidence.header.checkpoint.lastIndexOf('\n\n') + 1));
    const forged = copy();
    forged.header.checkpoint = signCheckpoint(claimed, parseSignerKey(forger.signerKey));
    forged.header.verifierKey = forger.verifierKey;
    expect((await verifyLineEvidence(forged, forger.verifierKey)).ok).toBe(true); // the forger's own key would accept it
    const result = await verifyLineEvidence(forged, key.verifierKey);
    expect(result.ok).toBe(false);
    expect(result.firstFailure).toMatchObject({
      kind: 'signature',
      reason: 'no-signature',
      detail: expect.stringContaining('names another key'),
    });
  });

  it('refuses a signature line of the pinned key that does not verify (altered body)', async () => {
    const altered = copy();
    const note = altered.header.checkpoint;
    const [origin, size] = note.split('\n');
    altered.header.checkpoint = note.replace(`${origin}\n${size}\n`, `${origin}\n${Number(size) + 1}\n`);
    expect((await verifyLineEvidence(altered, key.verifierKey)).firstFailure).toMatchObject({ kind: 'signature', reason: 'bad-signature' });
  });

  it('names two swapped events as an order failure', async () => {
    const swapped = copy();
    [swapped.events[2], swapped.events[3]] = [swapped.events[3], swapped.events[2]];
    const result = await verifyLineEvidence(swapped, key.verifierKey);
    expect(result.ok).toBe(false);
    expect(result.firstFailure).toMatchObject({ kind: 'order', position: swapped.events[2].position, reason: 'version-skipped' });
    expect(result.steps.filter((s) => !s.ok).every((s) => s.kind === 'order')).toBe(true);
  });

  it('names a removed event (a version gap) and an event of another stream as order failures', async () => {
    const removed = copy();
    removed.events.splice(1, 1);
    expect((await verifyLineEvidence(removed, key.verifierKey)).firstFailure).toMatchObject({
      kind: 'order',
      position: removed.events[1].position,
      reason: 'version-skipped',
    });
    const foreign = copy();
    foreign.header.filter = { ...filter, line: '2.17.07.1.01' };
    expect((await verifyLineEvidence(foreign, key.verifierKey)).firstFailure).toMatchObject({
      kind: 'order',
      position: foreign.events[0].position,
      reason: 'foreign-stream',
    });
  });
});
