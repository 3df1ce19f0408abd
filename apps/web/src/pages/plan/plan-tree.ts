import { CHAIN_PHASES, type PlanLine } from './plan-types';

/** One visible row of the plan tree. */
export interface TreeRow {
  line: PlanLine;
  depth: number;
  hasChildren: boolean;
  expanded: boolean;
}

export interface TreeFilter {
  /** Lines whose code or name contains this text (case-insensitive); empty = every line. */
  query: string;
  /** Only lines whose pagu changed between phases (see hasChangedPagu). */
  changedOnly: boolean;
  /** Codes of collapsed parents. */
  collapsed: ReadonlySet<string>;
}

/** The funding sources of one phase's pagu, in the API's order, without the phase total. */
export function fundingSources(amounts: Record<string, string> | undefined): Array<[string, string]> {
  return Object.entries(amounts ?? {}).filter(([source]) => source !== 'total');
}

/**
 * "Changed" (the "Hanya baris yang berubah" filter): the line has pagu in at least two phases of the
 * chain (RKPD … APBD-P; the forward estimate is not part of it) and the amounts differ between two of
 * them — the total, or the amount of any funding source (so a DID addition or a move between sources
 * counts). Amounts are compared as the server's decimal strings, never added or parsed: the server
 * writes every amount with two places, so equal amounts are equal strings.
 */
export function hasChangedPagu(line: PlanLine): boolean {
  const signatures = new Set<string>();
  for (const phase of CHAIN_PHASES) {
    const amounts = line.pagu[phase];
    if (!amounts) continue;
    const sorted = Object.entries(amounts).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    signatures.add(JSON.stringify(sorted));
  }
  return signatures.size > 1;
}

export function matchesQuery(line: PlanLine, query: string): boolean {
  const text = query.trim().toLocaleLowerCase('id');
  if (!text) return true;
  return line.code.toLocaleLowerCase('id').includes(text) || line.name.toLocaleLowerCase('id').includes(text);
}

/** Codes of every line that has children (in the whole plan, whatever the filter). */
export function parentCodes(lines: PlanLine[]): Set<string> {
  return new Set(lines.map((l) => l.parentCode).filter((c): c is string => c !== null));
}

/**
 * The rows to show, in the API's order (program, its kegiatan, their sub kegiatan): the lines that
 * pass the filter plus all their ancestors (so a match is always seen in its place in the tree),
 * minus whatever sits under a collapsed parent.
 */
export function visibleRows(lines: PlanLine[], filter: TreeFilter): TreeRow[] {
  const byCode = new Map(lines.map((l) => [l.code, l]));
  const parents = parentCodes(lines);
  const filtering = filter.query.trim() !== '' || filter.changedOnly;
  const kept = new Set<string>();
  for (const line of lines) {
    if (filtering && !(matchesQuery(line, filter.query) && (!filter.changedOnly || hasChangedPagu(line)))) continue;
    for (let at: PlanLine | undefined = line; at && !kept.has(at.code); at = at.parentCode ? byCode.get(at.parentCode) : undefined)
      kept.add(at.code);
  }
  const rows: TreeRow[] = [];
  for (const line of lines) {
    if (!kept.has(line.code)) continue;
    let depth = 0;
    let hidden = false;
    for (
      let up = line.parentCode ? byCode.get(line.parentCode) : undefined;
      up;
      up = up.parentCode ? byCode.get(up.parentCode) : undefined
    ) {
      depth += 1;
      if (filter.collapsed.has(up.code)) hidden = true;
    }
    if (hidden) continue;
    const hasChildren = parents.has(line.code);
    rows.push({ line, depth, hasChildren, expanded: hasChildren && !filter.collapsed.has(line.code) });
  }
  return rows;
}
