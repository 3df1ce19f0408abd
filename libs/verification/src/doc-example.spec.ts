import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { eventHash, eventLeafBytes, GENESIS_HASH, type RecordedEvent } from '@renja/event-store';
import { inclusionProof, parseSignerKey, rootFromLeafHashes, signCheckpoint, verifierKeyOf } from '@renja/integrity';
import { eventLine } from './export-format';
import { verifyExport } from './verify-export';

/**
 * The worked example of docs/verification.md, computed by the ledger's own code: every value the
 * page shows is asserted to appear in it verbatim, so the page cannot drift from the code.
 */
const EVENTS: RecordedEvent[] = [
  {
    position: 1,
    id: '0d9c8a52-4f7b-4c1e-9a3d-6b2f1e8c7a10',
    streamId: 'office-DKUKM',
    version: 1,
    type: 'office.registered',
    schemaVersion: 1,
    data: { code: 'DKUKM', name: 'Dinas Koperasi, Usaha Kecil dan Menengah' },
    metadata: {
      actor: 'Siti (BPKAD)',
      correlationId: '5e0e8c3c-1f7d-4a53-9b34-2d0a3c0f6b11',
      causationId: null,
      effectiveDate: null,
      legalBasis: null,
      reason: null,
    },
    recordedAt: '2022-01-03T01:15:02.123456Z',
  },
  {
    position: 2,
    id: '7b1e0f3a-2c4d-4e5f-8a9b-0c1d2e3f4a5b',
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
  },
];
// Ed25519 seed 00 01 02 ... 1f: a published test key, never a deployment's.
const SIGNER_KEY = 'PRIVATE+KEY+example.renja-ledger/doc+0cd769d0+AQABAgMEBQYHCAkKCwwNDg8QERITFBUWFxgZGhscHR4f';

describe('the worked example of docs/verification.md', () => {
  const doc = readFileSync(join(__dirname, '..', '..', '..', 'docs', 'verification.md'), 'utf8');
  const h1 = eventHash(EVENTS[0], GENESIS_HASH);
  const h2 = eventHash(EVENTS[1], h1);
  const root = rootFromLeafHashes([h1, h2]);
  const signer = parseSignerKey(SIGNER_KEY);
  const note = signCheckpoint({ origin: signer.name, size: 2, rootHash: root }, signer);

  it('shows the true leaf bytes and hashes of both events', () => {
    expect(doc).toContain(eventLeafBytes(EVENTS[0], GENESIS_HASH).toString('utf8'));
    expect(doc).toContain(eventLeafBytes(EVENTS[1], h1).toString('utf8'));
    expect(doc).toContain(h1.toString('hex'));
    expect(doc).toContain(h2.toString('hex'));
    expect(doc).toContain(`${eventLeafBytes(EVENTS[0], GENESIS_HASH).length} bytes`);
  });

  it('shows the true root, key and signed checkpoint', () => {
    expect(doc).toContain(root.toString('hex'));
    expect(doc).toContain(SIGNER_KEY);
    expect(doc).toContain(verifierKeyOf(signer));
    expect(doc).toContain(note);
    expect(doc).toContain(signer.publicKey.toString('hex'));
  });

  it('shows an inclusion proof and an export that verify', async () => {
    const proof = inclusionProof(1, 2, (i) => [h1, h2][i]);
    const line = eventLine(EVENTS[1], h1, h2, proof);
    expect(doc).toContain(JSON.stringify(line));
    const header = {
      format: 'renja-ledger-export',
      version: 1,
      origin: signer.name,
      verifierKey: verifierKeyOf(signer),
      checkpoint: note,
      filter: 'all',
    };
    const file = [header, eventLine(EVENTS[0], GENESIS_HASH, h1), eventLine(EVENTS[1], h1, h2)].map((l) => JSON.stringify(l)).join('\n');
    expect(doc).toContain(file);
    expect(await verifyExport(Readable.from([file]), { verifierKey: verifierKeyOf(signer) })).toMatchObject({ ok: true, size: 2 });
  });
});
