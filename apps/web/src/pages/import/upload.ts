import { ApiError, writeHeaders } from '../../api/client';
import type { ImportResult } from './import-types';

type Answer = Omit<Partial<ImportResult>, 'message'> & { message?: string | string[]; rule?: string; field?: string };

function parseAnswer(text: string): Answer | null {
  try {
    return JSON.parse(text) as Answer;
  } catch {
    return null;
  }
}

/**
 * Sends files to POST /api/v1/imports with XMLHttpRequest, the one browser API that reports upload
 * progress. The answer of an import (written, nothing to write, or refused with its problem list) is
 * resolved as an ImportResult whatever its status; anything else (400, 409, no session) is an ApiError.
 */
export function uploadImport(
  files: File[],
  dryRun: boolean,
  onProgress: (percent: number) => void,
  acceptWarnings = false,
): Promise<ImportResult> {
  const form = new FormData();
  for (const file of files) form.append('file', file, file.name);
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/v1/imports?dryRun=${dryRun}${acceptWarnings ? '&acceptWarnings=true' : ''}`);
    xhr.withCredentials = true;
    xhr.setRequestHeader('Accept', 'application/json');
    for (const [name, value] of Object.entries(writeHeaders())) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(Math.round((event.loaded / event.total) * 100));
    };
    xhr.onerror = () => reject(new ApiError(0, 'the server could not be reached'));
    xhr.onload = () => {
      const body = parseAnswer(xhr.responseText);
      if (body && typeof body.status === 'string' && Array.isArray(body.problems)) return resolve(body as ImportResult);
      const message = Array.isArray(body?.message) ? body.message.join('; ') : (body?.message ?? xhr.statusText);
      reject(new ApiError(xhr.status, message, body?.rule, body?.field));
    };
    xhr.send(form);
  });
}
