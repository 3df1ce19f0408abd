/**
 * Test-only loader for the RFC 6962 vectors in <repo>/../shared/vectors/rfc6962 (see its README).
 * The folder sits BESIDE the repository (CI clones the repo with a copy of shared/ next to it),
 * so it is resolved from this file's location, never from an absolute path. A missing folder
 * throws at load time, which fails the suite instead of letting it pass with zero cases.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';

const REPO_ROOT = path.resolve(__dirname, '../../../..'); // libs/integrity/src/testing → repo
export const VECTORS_DIR = path.join(REPO_ROOT, '..', 'shared', 'vectors', 'rfc6962', 'testdata');

export interface InclusionVector {
  leafIdx: bigint;
  treeSize: bigint;
  root: Buffer;
  leafHash: Buffer;
  proof: Buffer[];
  desc: string;
  wantErr: boolean;
}

export interface ConsistencyVector {
  size1: bigint;
  size2: bigint;
  root1: Buffer;
  root2: Buffer;
  proof: Buffer[];
  desc: string;
  wantErr: boolean;
}

/** Paths (relative to VECTORS_DIR, '/'-separated, sorted) of every .json file under `kind`. */
export function vectorFiles(kind: 'inclusion' | 'consistency'): string[] {
  const root = path.join(VECTORS_DIR, kind);
  if (!existsSync(root)) {
    throw new Error(
      `RFC 6962 test vectors not found at ${root}. They live outside the repo, at ` +
        `<repo>/../shared/vectors/rfc6962/testdata; check out shared/ beside the repository.`,
    );
  }
  const found: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (name.endsWith('.json')) found.push(path.relative(VECTORS_DIR, full).split(path.sep).join('/'));
    }
  };
  walk(root);
  return found;
}

export function loadInclusion(rel: string): InclusionVector {
  const j = readVector(rel);
  return {
    leafIdx: BigInt(j.leafIdx as string),
    treeSize: BigInt(j.treeSize as string),
    root: b64(j.root),
    leafHash: b64(j.leafHash),
    proof: proofOf(j.proof),
    desc: String(j.desc),
    wantErr: j.wantErr === true,
  };
}

export function loadConsistency(rel: string): ConsistencyVector {
  const j = readVector(rel);
  return {
    size1: BigInt(j.size1 as string),
    size2: BigInt(j.size2 as string),
    root1: b64(j.root1),
    root2: b64(j.root2),
    proof: proofOf(j.proof),
    desc: String(j.desc),
    wantErr: j.wantErr === true,
  };
}

function readVector(rel: string): Record<string, unknown> {
  const raw = readFileSync(path.join(VECTORS_DIR, rel), 'utf8');
  // Sizes are uint64 (one vector uses 2^64 − 1): quote them before JSON.parse rounds them.
  const quoted = raw.replace(/"(leafIdx|treeSize|size1|size2)"(\s*):(\s*)(\d+)/g, '"$1"$2:$3"$4"');
  return JSON.parse(quoted) as Record<string, unknown>;
}

const b64 = (v: unknown): Buffer => Buffer.from(typeof v === 'string' ? v : '', 'base64');
const proofOf = (v: unknown): Buffer[] => (Array.isArray(v) ? v.map(b64) : []);
