import { msg } from '@renja/domain';
import { BadRequestException, PayloadTooLargeException } from '@nestjs/common';
import type { Request, Response } from 'express';

/** What multer (shipped with @nestjs/platform-express) hands over for each uploaded file. */
export interface UploadedFile {
  fieldname: string;
  originalname: string;
  size: number;
  buffer: Buffer;
}

type Middleware = (req: Request, res: Response, next: (error?: unknown) => void) => void;
interface Multer {
  (options: { storage: unknown; limits: Record<string, number>; defParamCharset?: string }): {
    array(field: string, maxCount: number): Middleware;
  };
  memoryStorage(): unknown;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports -- multer ships no types; this is the part we use
const multer: Multer = require('multer');

export const MAX_FILES_PER_IMPORT = 20;

/**
 * Reads the files of a multipart/form-data request (field `file`, in memory, each at most `maxBytes`).
 * Every way the upload can be wrong is a 4xx: too large (413), malformed multipart, another field name,
 * too many files (400).
 */
export function multipartFiles(maxBytes: number): (req: Request, res: Response) => Promise<UploadedFile[]> {
  const upload = multer({
    storage: multer.memoryStorage(),
    defParamCharset: 'utf8',
    limits: { fileSize: maxBytes, files: MAX_FILES_PER_IMPORT, fields: 20, parts: 40 },
  }).array('file', MAX_FILES_PER_IMPORT);
  return (req, res) =>
    new Promise((resolve, reject) => {
      if (!/^multipart\/form-data/i.test(req.headers['content-type'] ?? '')) {
        reject(
          new BadRequestException({
            message: msg('MULTIPART_REQUIRED'),
            field: 'file',
            rule: 'MULTIPART_REQUIRED',
          }),
        );
        return;
      }
      upload(req, res, (error?: unknown) => {
        if (!error) return resolve((req as Request & { files?: UploadedFile[] }).files ?? []);
        const e = error as { code?: string; message?: string; field?: string };
        if (e.code === 'LIMIT_FILE_SIZE') {
          return reject(
            new PayloadTooLargeException({
              message: msg('IMPORT_TOO_LARGE', { max: maxBytes }),
              field: 'file',
              rule: 'IMPORT_TOO_LARGE',
            }),
          );
        }
        if (e.code === 'LIMIT_UNEXPECTED_FILE') {
          return reject(
            new BadRequestException({
              message: msg('MULTIPART_FIELD', { field: String(e.field), max: MAX_FILES_PER_IMPORT }),
              field: 'file',
              rule: 'MULTIPART_FIELD',
            }),
          );
        }
        reject(
          new BadRequestException({
            message: msg('MULTIPART_MALFORMED', { detail: e.message ?? String(error) }),
            field: 'file',
            rule: 'MULTIPART_MALFORMED',
          }),
        );
      });
    });
}
