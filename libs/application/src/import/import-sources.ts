import { createReadStream, openSync, readSync, closeSync, readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { Readable } from 'node:stream';
import type { ImportSource } from './import-types';

/** A file on disk, read as a stream. */
export function fileSource(path: string, name = basename(path)): ImportSource {
  const size = statSync(path).size;
  return {
    name,
    size,
    open: () => createReadStream(path),
    peek: async (bytes) => {
      const fd = openSync(path, 'r');
      try {
        const buffer = Buffer.alloc(Math.min(bytes, size));
        const read = readSync(fd, buffer, 0, buffer.length, 0);
        return buffer.subarray(0, read);
      } finally {
        closeSync(fd);
      }
    },
  };
}

/** An uploaded file held in memory (bounded by the upload limit). */
export function bufferSource(name: string, buffer: Buffer): ImportSource {
  return { name, size: buffer.length, open: () => Readable.from([buffer]), peek: async (bytes) => buffer.subarray(0, bytes) };
}

/** Files and directories as given on the command line: a directory means every *.csv and *.xlsx in it, by name. */
export function pathSources(paths: string[]): ImportSource[] {
  return paths.flatMap((path) => {
    if (statSync(path).isDirectory()) {
      return readdirSync(path)
        .filter((f) => /\.(csv|xlsx)$/i.test(f) && !f.startsWith('~$'))
        .sort()
        .map((f) => fileSource(join(path, f)));
    }
    return [fileSource(path)];
  });
}
