import type { AlertSort, BoardGroup } from '../../shared/api/alerts';

/** What ordering and grouping need of an alert; one per alert matching a board filter. */
export interface OrderRow {
  id: string;
  /** Severity rank: 0 critical, 1 warning, 2 info. */
  rank: number;
  starts: string;
  /** Only read when sorting by alert name; '' otherwise (one string less per row on a cold build). */
  alertname: string;
  firing: boolean;
  /** The group's label values joined by U+001F, built by SQL: one string per row instead of an array. */
  groupKey: string;
}

export const GROUP_VALUE_SEPARATOR = '\u001f';

/**
 * One group of a board as SQL aggregates it: the counts right away, the rows only when a slice
 * reaches the group or a patch needs them. A cold board of 100,000 alerts then costs one grouped
 * query and a thousand small objects, not 100,000 row objects built before the first answer.
 */
export interface StoredGroup {
  key: string;
  count: number;
  critical: number;
  warning: number;
  firing: number;
  /** The group's rows in any order; called at most once. */
  rows(): OrderRow[];
}

interface GroupState {
  key: string;
  values: string[];
  /** Until the rows are first needed. */
  load: (() => OrderRow[]) | undefined;
  /** In board order once loaded. */
  rows: OrderRow[];
  count: number;
  critical: number;
  warning: number;
  firing: number;
}

/**
 * The ordered, grouped board for one filter, kept in memory and patched alert by alert when a
 * delivery changes a few rows, so a webhook does not re-sort 100,000 alerts.
 */
export interface BoardIndex {
  readonly groupBy: string[];
  total(): number;
  groups(): BoardGroup[];
  slice(offset: number, limit: number): string[];
  /** Replaces the entries of `ids` by `rows` (those of them that still match the filter). */
  patch(ids: readonly string[], rows: readonly OrderRow[]): void;
}

export function compareRows(sort: AlertSort): (a: OrderRow, b: OrderRow) => number {
  const newest = (a: OrderRow, b: OrderRow) => (a.starts < b.starts ? 1 : a.starts > b.starts ? -1 : 0);
  const byId = (a: OrderRow, b: OrderRow) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  switch (sort) {
    case 'severity':
      return (a, b) => a.rank - b.rank || newest(a, b) || byId(a, b);
    case 'newest':
      return (a, b) => newest(a, b) || byId(a, b);
    case 'oldest':
      return (a, b) => -newest(a, b) || byId(a, b);
    case 'alertname':
      return (a, b) => (a.alertname < b.alertname ? -1 : a.alertname > b.alertname ? 1 : 0) || a.rank - b.rank || newest(a, b) || byId(a, b);
  }
}

function worstRank(g: GroupState): number {
  return g.critical > 0 ? 0 : g.warning > 0 ? 1 : g.count > 0 ? 2 : 9;
}

// Worst severity first, then the biggest group: what needs eyes sits at the top.
function compareGroups(a: GroupState, b: GroupState): number {
  return worstRank(a) - worstRank(b) || b.count - a.count || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
}

function insertSorted(rows: OrderRow[], row: OrderRow, compare: (a: OrderRow, b: OrderRow) => number): void {
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (compare(rows[mid]!, row) <= 0) lo = mid + 1;
    else hi = mid;
  }
  rows.splice(lo, 0, row);
}

export function buildBoardIndex(stored: readonly StoredGroup[], groupBy: readonly string[], sort: AlertSort): BoardIndex {
  const compare = compareRows(sort);
  const grouped = groupBy.length > 0;
  const byKey = new Map<string, GroupState>();
  let total = 0;
  for (const s of stored) {
    byKey.set(s.key, { key: s.key, values: s.key.split(GROUP_VALUE_SEPARATOR), load: s.rows, rows: [], count: s.count, critical: s.critical, warning: s.warning, firing: s.firing });
    total += s.count;
  }
  // Which group holds each alert: only patches need it, so it is built at the first patch.
  let groupOf: Map<string, GroupState> | undefined;
  let ordered: GroupState[] = [];
  let starts: number[] = [];
  let boardGroups: BoardGroup[] | undefined;

  function rowsOf(g: GroupState): OrderRow[] {
    if (g.load) {
      g.rows = g.load().sort(compare);
      g.load = undefined;
    }
    return g.rows;
  }

  function groupsOfAlerts(): Map<string, GroupState> {
    if (!groupOf) {
      groupOf = new Map();
      for (const g of byKey.values()) for (const row of rowsOf(g)) groupOf.set(row.id, g);
    }
    return groupOf;
  }

  function count(g: GroupState, row: OrderRow, sign: 1 | -1): void {
    g.count += sign;
    if (row.rank === 0) g.critical += sign;
    else if (row.rank === 1) g.warning += sign;
    if (row.firing) g.firing += sign;
    total += sign;
  }

  function reorder(): void {
    ordered = [...byKey.values()].filter((g) => g.count > 0).sort(compareGroups);
    starts = [];
    let n = 0;
    for (const g of ordered) {
      starts.push(n);
      n += g.count;
    }
    boardGroups = undefined;
  }
  reorder();

  function groupIndexOf(offset: number): number {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  return {
    groupBy: [...groupBy],
    total: () => total,
    groups() {
      if (!grouped) return [];
      boardGroups ??= ordered.map((g, i) => {
        const labels: Record<string, string> = {};
        groupBy.forEach((name, j) => {
          if (g.values[j]) labels[name] = g.values[j]!;
        });
        return { key: g.key, labels, start: starts[i]!, count: g.count, critical: g.critical, warning: g.warning, info: g.count - g.critical - g.warning, firing: g.firing };
      });
      return boardGroups;
    },
    slice(offset, limit) {
      const ids: string[] = [];
      if (ordered.length === 0) return ids;
      let gi = groupIndexOf(offset);
      let within = offset - starts[gi]!;
      while (ids.length < limit && gi < ordered.length) {
        const rows = rowsOf(ordered[gi]!);
        while (within < rows.length && ids.length < limit) ids.push(rows[within++]!.id);
        gi++;
        within = 0;
      }
      return ids;
    },
    patch(ids, rows) {
      const of = groupsOfAlerts();
      for (const id of ids) {
        const g = of.get(id);
        if (!g) continue;
        const groupRows = rowsOf(g);
        const at = groupRows.findIndex((r) => r.id === id);
        if (at >= 0) count(g, groupRows.splice(at, 1)[0]!, -1);
        of.delete(id);
        if (g.count === 0) byKey.delete(g.key);
      }
      for (const row of rows) {
        const key = grouped ? row.groupKey : '';
        let g = byKey.get(key);
        if (!g) byKey.set(key, (g = { key, values: key.split(GROUP_VALUE_SEPARATOR), load: undefined, rows: [], count: 0, critical: 0, warning: 0, firing: 0 }));
        insertSorted(rowsOf(g), row, compare);
        count(g, row, 1);
        of.set(row.id, g);
      }
      reorder();
    },
  };
}
