/**
 * The public ledger routes this page reads. The checkpoint and the public key are plain text (the
 * exact bytes that were signed), so they are fetched as text, not through api.get, which parses JSON.
 */
import { api, ApiError, officeYearPath } from '../../api/client';
import type { LineEvidence } from '../../verify';

export interface IssuedCheckpoint {
  size: number;
  rootHash: string;
  issuedAt: string;
}

export interface Office {
  code: string;
  name: string;
}

async function getText(path: string): Promise<string> {
  const response = await fetch(path, { credentials: 'same-origin', headers: { Accept: 'text/plain' } });
  if (!response.ok) throw new ApiError(response.status, (await response.text().catch(() => '')) || response.statusText);
  return response.text();
}

export const CHECKPOINT_PATH = '/api/v1/ledger/checkpoint';
export const PUBLIC_KEY_PATH = '/api/v1/ledger/public-key';

export const ledgerApi = {
  checkpoint: () => getText(CHECKPOINT_PATH),
  publicKey: () => getText(PUBLIC_KEY_PATH),
  checkpoints: () => api.get<IssuedCheckpoint[]>('/api/v1/ledger/checkpoints'),
  offices: () => api.get<Office[]>('/api/v1/offices'),
  evidence: (year: string, office: string, code: string) =>
    api.get<LineEvidence>(`${officeYearPath(year, office)}/lines/${encodeURIComponent(code)}/evidence`),
};
