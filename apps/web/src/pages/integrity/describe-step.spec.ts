import type { LineVerification, VerificationStep } from '../../verify';
import { describeStep, reasonPhrase, shortHash, summarise, type Say } from './describe-step';
import { messages } from './messages';

// The catalogue's own "{name}" filling (i18n.tsx cannot be loaded by this Jest setup, which has no TSX).
const say: Say = (key, values = {}) => messages.id[key].replace(/\{(\w+)\}/g, (whole, name: string) => String(values[name] ?? whole));
const checkpoint = { origin: 'renja-ledger.local/x', size: 800, rootBase64: 'EjGA', keyId: 'd9e71c47' };
const hex = '81731ff3a7f03ae3b133a91b85df885bdaa33f14ac93700462b229e186729c3c';

describe('integrity step sentences', () => {
  it('shortens hashes to 12 characters', () => {
    expect(shortHash(hex)).toBe('81731ff3a7f0…');
    expect(shortHash('abc')).toBe('abc');
    expect(shortHash(undefined)).toBe('—');
  });

  it('translates known reasons and keeps unknown ones visible', () => {
    expect(say(reasonPhrase('hash-mismatch').key)).toBe('hash tidak cocok: isi peristiwa telah berubah');
    const unknown = reasonPhrase('cosmic-ray');
    expect(say(unknown.key, unknown.values)).toBe('masalah tak dikenal (cosmic-ray)');
  });

  it('says what each passing step checked', () => {
    const steps: VerificationStep[] = [
      { kind: 'signature', position: 800, ok: true, reason: 'verified', detail: '' },
      { kind: 'leaf', position: 5, ok: true, reason: 'hash-matches', detail: '', computed: hex },
      { kind: 'inclusion', position: 5, ok: true, reason: 'included', detail: '' },
    ];
    expect(steps.map((s) => describeStep(say, s, checkpoint))).toEqual([
      'Tanda tangan checkpoint ukuran 800 sah menurut kunci yang disematkan (id kunci d9e71c47).',
      'Posisi 5: hash daun dihitung ulang dari isi peristiwa (81731ff3a7f0…) sama dengan hash yang tersimpan.',
      'Posisi 5: bukti inklusi mengarah ke akar checkpoint ukuran 800.',
    ]);
  });

  it('names a failing step by kind, position and reason', () => {
    const step: VerificationStep = { kind: 'inclusion', position: 7, ok: false, reason: 'root-mismatch', detail: '' };
    expect(describeStep(say, step, checkpoint)).toBe('bukti inklusi, posisi 7: bukti inklusi salah: akar tidak cocok.');
    const noPosition: VerificationStep = { kind: 'signature', ok: false, reason: 'bad-signature', detail: '' };
    expect(describeStep(say, noPosition, checkpoint)).toBe('tanda tangan checkpoint: tanda tangan tidak sah.');
    const badSignature: VerificationStep = { ...noPosition, position: 63 };
    expect(describeStep(say, badSignature, checkpoint)).toBe('tanda tangan checkpoint ukuran 63: tanda tangan tidak sah.');
  });

  it('summarises success, an empty line and the first failure', () => {
    const ok: LineVerification = { ok: true, checkpoint, steps: [], events: 3 };
    expect(summarise(say, ok, '2.17.08.1.01.0001')).toBe(
      'Terverifikasi di peramban: 3 peristiwa baris 2.17.08.1.01.0001 termuat dalam checkpoint ukuran 800 yang ditandatangani kunci d9e71c47.',
    );
    expect(summarise(say, { ...ok, events: 0 }, 'X')).toMatch(/^Tanda tangan checkpoint ukuran 800 sah/);
    const failed: LineVerification = {
      ...ok,
      ok: false,
      firstFailure: { kind: 'leaf', position: 12, reason: 'hash-mismatch', detail: '' },
    };
    expect(summarise(say, failed, 'X')).toBe('GAGAL: hash tidak cocok: isi peristiwa telah berubah — hash daun, posisi 12.');
    const unsigned: LineVerification = {
      ...ok,
      ok: false,
      firstFailure: { kind: 'signature', position: 63, reason: 'no-signature', detail: '' },
    };
    expect(summarise(say, unsigned, 'X')).toBe(
      'GAGAL: tanda tangan tidak sah: checkpoint tidak ditandatangani kunci ini — tanda tangan checkpoint ukuran 63.',
    );
  });
});
