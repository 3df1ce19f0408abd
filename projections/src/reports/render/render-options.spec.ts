import { paperProvenance, provenanceLines } from './render-options';

describe('paperProvenance', () => {
  const checkpoint = { note: 'renja-ledger.example/ledger\n1200\nq1w2\n\n— sig', size: 1200, rootHash: Buffer.alloc(32, 7) };

  it('names the point of view, the read position and the signed checkpoint (origin, size, base64 root)', () => {
    const p = paperProvenance({ validAt: '2022-09-30' }, 1234, checkpoint);
    expect(p).toMatchObject({
      validAt: '2022-09-30',
      knownAt: null,
      position: 1234,
      checkpoint: { origin: 'renja-ledger.example/ledger', size: 1200, rootHash: Buffer.alloc(32, 7).toString('base64') },
    });
    expect(Number.isNaN(Date.parse(p.drawnAt))).toBe(false);
    expect(provenanceLines(p)[1]).toBe(
      `Posisi buku besar: 1.234 peristiwa; checkpoint bertanda tangan terakhir: renja-ledger.example/ledger, ukuran 1.200, akar ${Buffer.alloc(32, 7).toString('base64').slice(0, 16)}…`,
    );
  });

  it('says so when the ledger has no signed checkpoint yet', () => {
    const p = paperProvenance({ knownAt: '2022-12-15T23:59:59.999999Z' }, 0, null);
    expect(p).toMatchObject({ validAt: null, knownAt: '2022-12-15T23:59:59.999999Z', position: 0, checkpoint: null });
    expect(provenanceLines(p)[1]).toBe('Posisi buku besar: 0 peristiwa; belum ada checkpoint bertanda tangan');
  });
});
