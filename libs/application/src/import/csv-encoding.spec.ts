import { bufferSource } from './import-sources';
import { decodeWindows1252, inspectCsvBytes } from './csv-encoding';

describe('CSV encodings', () => {
  it('decodes the Windows-1252 bytes 0x80-0x9F as their characters (not as Latin-1 control characters)', () => {
    expect(decodeWindows1252(Buffer.from([0x93, 0x41, 0x94, 0x20, 0x96, 0x20, 0x80, 0xe9]))).toBe('“A” – €é');
  });

  it('tells UTF-8 (with or without a BOM), Windows-1252, UTF-16 and undefined bytes apart', async () => {
    const kind = async (bytes: Buffer) => {
      const { encoding, refusal } = await inspectCsvBytes(bufferSource('x.csv', bytes));
      return [encoding, refusal === null ? null : /simpan sebagai CSV UTF-8/.test(refusal)];
    };
    expect(await kind(Buffer.from('\ufeffKode,Nama\nA,Café\n', 'utf8'))).toEqual(['utf-8', null]);
    expect(await kind(Buffer.from([0x41, 0x2c, 0x43, 0x61, 0x66, 0xe9, 0x0a]))).toEqual(['windows-1252', null]);
    // a multi-byte UTF-8 character cut off at the end of the file is not UTF-8
    expect(await kind(Buffer.from([0x41, 0x2c, 0xc3]))).toEqual(['windows-1252', null]);
    expect(await kind(Buffer.from('\ufeffKode,Nama\n', 'utf16le'))).toEqual([null, true]);
    expect(await kind(Buffer.from([0x41, 0x81, 0xe9]))).toEqual([null, true]);
  });
});
