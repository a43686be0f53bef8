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

interface GroupState {
  key: string;
  values: string[];
  rows: OrderRow[];
  worst: number;
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

// Worst severity first, then the biggest group: what needs eyes sits at the top.
function compareGroups(a: GroupState, b: GroupState): number {
  return a.worst - b.worst || b.rows.length - a.rows.length || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
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

export function buildBoardIndex(all: OrderRow[], groupBy: readonly string[], sort: AlertSort): BoardIndex {
  const compare = compareRows(sort);
  const grouped = groupBy.length > 0;
  const byKey = new Map<string, GroupState>();
  const groupOf = new Map<string, GroupState>();
  for (const row of all) {
    const key = grouped ? row.groupKey : '';
    let g = byKey.get(key);
    if (!g) byKey.set(key, (g = { key, values: key.split(GROUP_VALUE_SEPARATOR), rows: [], worst: 9 }));
    g.rows.push(row);
    groupOf.set(row.id, g);
  }
  for (const g of byKey.values()) {
    g.rows.sort(compare);
    g.worst = g.rows.reduce((w, r) => Math.min(w, r.rank), 9);
  }
  let ordered: GroupState[] = [];
  let starts: number[] = [];
  let boardGroups: BoardGroup[] | undefined;

  function reorder(): void {
    ordered = [...byKey.values()].filter((g) => g.rows.length > 0).sort(compareGroups);
    starts = [];
    let n = 0;
    for (const g of ordered) {
      starts.push(n);
      n += g.rows.length;
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
    total: () => groupOf.size,
    groups() {
      if (!grouped) return [];
      boardGroups ??= ordered.map((g, i) => {
        const labels: Record<string, string> = {};
        groupBy.forEach((name, j) => {
          if (g.values[j]) labels[name] = g.values[j]!;
        });
        let critical = 0;
        let warning = 0;
        let info = 0;
        let firing = 0;
        for (const r of g.rows) {
          if (r.rank === 0) critical++;
          else if (r.rank === 1) warning++;
          else info++;
          if (r.firing) firing++;
        }
        return { key: g.key, labels, start: starts[i]!, count: g.rows.length, critical, warning, info, firing };
      });
      return boardGroups;
    },
    slice(offset, limit) {
      const ids: string[] = [];
      if (ordered.length === 0) return ids;
      let gi = groupIndexOf(offset);
      let within = offset - starts[gi]!;
      while (ids.length < limit && gi < ordered.length) {
        const rows = ordered[gi]!.rows;
        while (within < rows.length && ids.length < limit) ids.push(rows[within++]!.id);
        gi++;
        within = 0;
      }
      return ids;
    },
    patch(ids, rows) {
      for (const id of ids) {
        const g = groupOf.get(id);
        if (!g) continue;
        const at = g.rows.findIndex((r) => r.id === id);
        if (at >= 0) g.rows.splice(at, 1);
        groupOf.delete(id);
        g.worst = g.rows.reduce((w, r) => Math.min(w, r.rank), 9);
        if (g.rows.length === 0) byKey.delete(g.key);
      }
      for (const row of rows) {
        const key = grouped ? row.groupKey : '';
        let g = byKey.get(key);
        if (!g) byKey.set(key, (g = { key, values: key.split(GROUP_VALUE_SEPARATOR), rows: [], worst: 9 }));
        insertSorted(g.rows, row, compare);
        g.worst = Math.min(g.worst, row.rank);
        groupOf.set(row.id, g);
      }
      reorder();
    },
  };
}
