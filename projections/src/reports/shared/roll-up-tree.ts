import { sortByPlanCode } from '@renja/domain';

export interface TreeNode {
  code: string;
  parentCode: string | null;
}

export interface RolledUp<T> {
  /** Each line's own value plus everything under it. */
  byCode: Map<string, T>;
  /** Every line of the office. */
  office: T;
}

function segmentsOf(code: string): number {
  let n = 1;
  for (let i = 0; i < code.length; i++) if (code.charCodeAt(i) === 46 /* . */) n++;
  return n;
}

/**
 * The roll-up rule of the plan reader (projections/src/plan/rollup.ts), for any value: a node's total is
 * its own value plus its children's totals, and a line whose parent is not in the set counts directly
 * under the office. Amounts stated on a kegiatan or program are therefore the parent's own, never dropped.
 */
export function rollUpTree<T>(nodes: TreeNode[], own: (code: string) => T, plus: (a: T, b: T) => T, zero: () => T): RolledUp<T> {
  const codes = new Set(nodes.map((n) => n.code));
  const fromChildren = new Map<string, T>();
  const byCode = new Map<string, T>();
  let office = zero();
  // Deepest codes first, so every child is complete before its parent adds it.
  // Within a depth, in plan-code order: the order of additions (exact, so any order gives the same sums) is fixed.
  const byDepth: TreeNode[][] = [];
  for (const node of sortByPlanCode(nodes, (n) => n.code)) {
    const depth = segmentsOf(node.code);
    (byDepth[depth] ??= []).push(node);
  }
  const ordered = byDepth.reverse().flatMap((level) => level ?? []);
  // Adding zero changes no value rolled up here (exact decimals, never a negative zero: sums start
  // from zero), so a leaf's total is its own value and a first child's total starts its parent's sum:
  // most nodes are leaves, and each skipped addition is a row of decimal additions saved.
  for (const node of ordered) {
    const children = fromChildren.get(node.code);
    const total = children === undefined ? own(node.code) : plus(own(node.code), children);
    byCode.set(node.code, total);
    const parent = node.parentCode && codes.has(node.parentCode) ? node.parentCode : null;
    if (parent) {
      const sofar = fromChildren.get(parent);
      fromChildren.set(parent, sofar === undefined ? total : plus(sofar, total));
    } else office = plus(office, total);
  }
  return { byCode, office };
}
