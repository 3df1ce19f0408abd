import { createHash } from 'node:crypto';
import { Transform } from 'node:stream';
import type { CsvEncoding, ImportSource } from './import-types';

export type { CsvEncoding } from './import-types';

export interface CsvBytes {
  sha256: string;
  /** null: neither UTF-8 nor Windows-1252; `refusal` says why. */
  encoding: CsvEncoding | null;
  refusal: string | null;
}

/** The five bytes Windows-1252 does not define: a file holding one is not Windows-1252 text either. */
const UNDEFINED_IN_1252 = new Set([0x81, 0x8d, 0x8f, 0x90, 0x9d]);

export const SAVE_AS_UTF8 =
  'simpan sebagai CSV UTF-8 (Excel: File › Simpan Sebagai › "CSV UTF-8 (Comma delimited)"; LibreOffice: set karakter Unicode (UTF-8))';

/** One pass over the file: its SHA-256 (of the bytes as they are) and which encoding reads it. */
export async function inspectCsvBytes(source: ImportSource): Promise<CsvBytes> {
  const hash = createHash('sha256');
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  let validUtf8 = true;
  let undefined1252 = false;
  let first = true;
  let utf16 = false;
  for await (const chunk of source.open()) {
    const bytes = chunk as Buffer;
    hash.update(bytes);
    if (first && bytes.length >= 2) {
      utf16 = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
      first = false;
    }
    if (validUtf8) {
      try {
        utf8.decode(bytes, { stream: true });
      } catch {
        validUtf8 = false;
      }
    }
    if (!undefined1252) undefined1252 = bytes.some((b) => UNDEFINED_IN_1252.has(b));
  }
  if (validUtf8) {
    try {
      utf8.decode(); // a multi-byte sequence cut off at the end of the file
    } catch {
      validUtf8 = false;
    }
  }
  const sha256 = hash.digest('hex');
  if (utf16) return { sha256, encoding: null, refusal: `berkas ini UTF-16 ("Unicode Text"), bukan CSV yang dapat dibaca: ${SAVE_AS_UTF8}` };
  if (validUtf8) return { sha256, encoding: 'utf-8', refusal: null };
  if (undefined1252)
    return {
      sha256,
      encoding: null,
      refusal: `berkas ini bukan UTF-8 dan bukan Windows-1252 (ada byte yang tidak terdefinisi di keduanya): ${SAVE_AS_UTF8}`,
    };
  return { sha256, encoding: 'windows-1252', refusal: null };
}

/**
 * Windows-1252's characters for the bytes 0x80-0x9F (€ ‚ ƒ „ … † ‡ ˆ ‰ Š ‹ Œ Ž ' ' " " • – — ˜ ™ š › œ ž Ÿ);
 * every other byte is the Latin-1 character of the same number. Node's TextDecoder('windows-1252') reads
 * these bytes as Latin-1 control characters (nodejs/node#56542), so the table is ours.
 */
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8d, 0x017d, 0x8f, 0x90, 0x2018,
  0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x9d, 0x017e, 0x0178,
];

/** Windows-1252 bytes as text. */
export function decodeWindows1252(bytes: Uint8Array): string {
  let text = '';
  for (const b of bytes) text += String.fromCharCode(b >= 0x80 && b <= 0x9f ? CP1252_HIGH[b - 0x80] : b);
  return text;
}

/** Re-encodes Windows-1252 bytes as UTF-8 for the CSV parser (one byte is one character: no state between chunks). */
export function windows1252ToUtf8(): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      done(null, Buffer.from(decodeWindows1252(chunk), 'utf8'));
    },
  });
}

/** What the answer says about a file read as Windows-1252. */
export const windows1252Note = (file: string) =>
  `${file} dibaca sebagai Windows-1252: berkas ini bukan UTF-8 (CSV biasa dari Excel di Windows). Periksa huruf beraksen di pratinjau; lain kali ${SAVE_AS_UTF8}.`;
