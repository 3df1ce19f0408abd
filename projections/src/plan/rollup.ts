import Decimal from 'decimal.js';
import { comparePlanCodes, Money, percentage } from '@renja/domain';

/** Totals of a line and everything under it (kegiatan → sub kegiatan, program → kegiatan). */
export interface Totals {
  currentPagu: string;
  originalPagu: string;
  realised: string;
  absorption: { current: string | null; original: string | null };
}

interface Node {
  code: string;
  parentCode: string | null;
  currentPagu: string;
  originalPagu: string | null;
  realised: string;
}

interface Sums {
  current: Decimal;
  original: Decimal;
  realised: Decimal;
}

const totals = (s: Sums): Totals => ({
  currentPagu: s.current.toFixed(2),
  originalPagu: s.original.toFixed(2),
  realised: s.realised.toFixed(2),
  absorption: { current: percentage(s.realised, s.current), original: percentage(s.realised, s.original) },
});

/**
 * Rolls line amounts up the code tree: a node's totals are its own amounts plus its children's.
 * Returns totals per code and for the whole office.
 */
export function rollUp(nodes: Node[]): { byCode: Map<string, Totals>; office: Totals } {
  const sums = new Map<string, Sums>();
  const zero = (): Sums => ({ current: new Money(0), original: new Money(0), realised: new Money(0) });
  const office = zero();
  // Deepest codes first, so children are complete before their parents add them.
  const ordered = [...nodes].sort((a, b) => b.code.split('.').length - a.code.split('.').length || comparePlanCodes(a.code, b.code));
  const codes = new Set(nodes.map((n) => n.code));
  for (const node of ordered) {
    const own = sums.get(node.code) ?? zero();
    own.current = own.current.plus(node.currentPagu);
    own.original = own.original.plus(node.originalPagu ?? 0);
    own.realised = own.realised.plus(node.realised);
    sums.set(node.code, own);
    const parent = node.parentCode && codes.has(node.parentCode) ? node.parentCode : null;
    const target = parent ? (sums.get(parent) ?? zero()) : office;
    if (parent) sums.set(parent, target);
    target.current = target.current.plus(own.current);
    target.original = target.original.plus(own.original);
    target.realised = target.realised.plus(own.realised);
  }
  return { byCode: new Map([...sums].map(([code, s]) => [code, totals(s)])), office: totals(office) };
}
