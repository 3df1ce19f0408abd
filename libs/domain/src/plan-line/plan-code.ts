import { invalid } from '../shared/errors';
import { msg, type MessageKey } from '../shared/messages/message';

/**
 * Permendagri 90/2019 nomenclature: U.BB.PP.L.KK.SSSS
 * urusan (1 digit, or X for cross-cutting) . bidang (2 digits or XX) . program (2)
 * . kegiatan = authority level (1: province, 2: regency/city) + 2 digits . sub kegiatan (4 digits; older data 2).
 */
export type PlanLevel = 'program' | 'kegiatan' | 'sub_kegiatan';

export interface PlanCode {
  /** Normalised code; sub kegiatan always with 4 digits. */
  code: string;
  level: PlanLevel;
  /** Code of the parent line; null for a program (its parent is the office). */
  parentCode: string | null;
}

const SEGMENT_RULES: Array<{ pattern: RegExp; problem: MessageKey }> = [
  { pattern: /^([1-9]|X)$/, problem: 'CODE_SEGMENT.urusan' },
  { pattern: /^(\d{2}|XX)$/, problem: 'CODE_SEGMENT.bidang' },
  { pattern: /^\d{2}$/, problem: 'CODE_SEGMENT.program' },
  { pattern: /^[12]$/, problem: 'CODE_SEGMENT.authority' },
  { pattern: /^\d{2}$/, problem: 'CODE_SEGMENT.kegiatan' },
  { pattern: /^(\d{2}|\d{4})$/, problem: 'CODE_SEGMENT.sub_kegiatan' },
];

const LEVEL_BY_SEGMENTS: Record<number, PlanLevel> = { 3: 'program', 5: 'kegiatan', 6: 'sub_kegiatan' };

export function parsePlanCode(raw: unknown, field = 'code'): PlanCode {
  if (typeof raw !== 'string' || raw.trim() === '') {
    throw invalid(field, msg('CODE_REQUIRED'), 'CODE_REQUIRED');
  }
  const segments = raw.trim().toUpperCase().split('.');
  const level = LEVEL_BY_SEGMENTS[segments.length];
  if (!level) {
    throw invalid(field, msg('CODE_FORMAT', { raw, count: segments.length }), 'CODE_FORMAT');
  }
  segments.forEach((segment, i) => {
    const rule = SEGMENT_RULES[i];
    if (!rule.pattern.test(segment)) {
      throw invalid(field, msg('CODE_FORMAT.segment', { raw, problem: msg(rule.problem, { segment }) }), 'CODE_FORMAT');
    }
  });
  if (level === 'sub_kegiatan' && segments[5].length === 2) segments[5] = `00${segments[5]}`;
  const code = segments.join('.');
  const parentCode = level === 'program' ? null : segments.slice(0, level === 'kegiatan' ? 3 : 5).join('.');
  return { code, level, parentCode };
}

/** Sort keys of codes: digits compare as numbers, X (cross-cutting) after every number. Cached: codes repeat. */
const sortKeys = new Map<string, number[]>();
function sortKey(code: string): number[] {
  let key = sortKeys.get(code);
  if (!key) {
    key = code.split('.').map((segment) => (/^\d+$/.test(segment) ? Number(segment) : Number.MAX_SAFE_INTEGER));
    if (sortKeys.size > 100_000) sortKeys.clear();
    sortKeys.set(code, key);
  }
  return key;
}

/** Sorts codes the way a plan document lists them (segment by segment; a parent before its children). */
export const comparePlanCodes = (a: string, b: string): number => (a === b ? 0 : compareKeys(a, sortKey(a), b, sortKey(b)));

function compareKeys(a: string, ka: number[], b: string, kb: number[]): number {
  if (a === b) return 0;
  const common = Math.min(ka.length, kb.length);
  for (let i = 0; i < common; i++) {
    if (ka[i] !== kb[i]) return ka[i] < kb[i] ? -1 : 1;
  }
  // Equal keys on the common part: the shorter code (the parent) first; equal keys otherwise ('X' vs 'XX'): by text.
  return ka.length !== kb.length ? ka.length - kb.length : a < b ? -1 : 1;
}

/**
 * Items in plan-code order (as comparePlanCodes), each code's key computed once: reports sort hundreds of
 * lines, and a key lookup per comparison cost more than the rest of the sort.
 */
export function sortByPlanCode<T>(items: readonly T[], codeOf: (item: T) => string): T[] {
  const keyed = items.map((item) => {
    const code = codeOf(item);
    return { item, code, key: sortKey(code) };
  });
  keyed.sort((x, y) => compareKeys(x.code, x.key, y.code, y.key));
  return keyed.map((k) => k.item);
}
