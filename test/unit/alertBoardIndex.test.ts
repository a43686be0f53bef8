import { describe, expect, it } from 'vitest';
import { buildBoardIndex, GROUP_VALUE_SEPARATOR, type OrderRow, type StoredGroup } from '../../electron/alerts/boardIndex';

function row(i: number, seed: number): OrderRow {
  const rank = (i * 7 + seed) % 3;
  return {
    id: `id-${String(i).padStart(5, '0')}`,
    rank,
    starts: new Date(Date.UTC(2026, 10, 22, 0, (i * 13 + seed) % 600)).toISOString(),
    alertname: `Alert${(i + seed) % 9}`,
    firing: (i + seed) % 4 !== 0,
    groupKey: [`Alert${(i + seed) % 9}`, `svc-${i % 4}`].join(GROUP_VALUE_SEPARATOR),
  };
}

/** Rows as the store hands them over: aggregated per group, rows in no particular order, read on demand. */
function stored(rows: readonly OrderRow[], reads: string[] = []): StoredGroup[] {
  const byKey = new Map<string, OrderRow[]>();
  for (const r of rows) byKey.set(r.groupKey, [...(byKey.get(r.groupKey) ?? []), r]);
  return [...byKey].map(([key, list]) => ({
    key,
    count: list.length,
    critical: list.filter((r) => r.rank === 0).length,
    warning: list.filter((r) => r.rank === 1).length,
    firing: list.filter((r) => r.firing).length,
    rows: () => {
      reads.push(key);
      return [...list].reverse();
    },
  }));
}

describe('board index', () => {
  it('after random patches orders and groups exactly like a fresh build', () => {
    const groupBy = ['alertname', 'service/job'];
    let rows = Array.from({ length: 500 }, (_, i) => row(i, 0));
    const index = buildBoardIndex(stored(rows), groupBy, 'severity');
    let seed = 1;
    for (let round = 0; round < 50; round++) {
      const changed = Array.from({ length: 1 + (round % 7) }, (_, k) => (round * 37 + k * 101) % 600);
      seed++;
      const kept = rows.filter((r) => !changed.includes(Number(r.id.slice(3))));
      // Some changed alerts leave the filter (e.g. resolved), the rest come back changed; new ids appear.
      const back = changed.filter((n) => (n + round) % 3 !== 0).map((n) => row(n, seed));
      index.patch(changed.map((n) => `id-${String(n).padStart(5, '0')}`), back);
      rows = [...kept, ...back];
      const fresh = buildBoardIndex(stored(rows), groupBy, 'severity');
      expect(index.total()).toBe(fresh.total());
      expect(index.groups()).toEqual(fresh.groups());
      expect(index.slice(0, 10_000)).toEqual(fresh.slice(0, 10_000));
    }
    const groups = index.groups();
    expect(groups[0]!.critical).toBeGreaterThan(0);
    expect(index.slice(groups[1]!.start, 3)).toEqual(index.slice(0, 10_000).slice(groups[1]!.start, groups[1]!.start + 3));
  });

  it('answers the first screen reading the rows of only the groups it shows', () => {
    const rows = Array.from({ length: 2000 }, (_, i) => row(i, 3));
    const reads: string[] = [];
    const index = buildBoardIndex(stored(rows, reads), ['alertname', 'service/job'], 'newest');
    const groups = index.groups();
    expect(groups).toHaveLength(36);
    expect(index.total()).toBe(2000);
    expect(groups.reduce((n, g) => n + g.count, 0)).toBe(2000);
    expect(reads).toEqual([]);
    const firstPage = index.slice(0, groups[0]!.count + 2);
    expect(reads).toEqual([groups[0]!.key, groups[1]!.key]);
    const firstGroup = rows.filter((r) => r.groupKey === groups[0]!.key).sort((a, b) => (a.starts < b.starts ? 1 : a.starts > b.starts ? -1 : a.id < b.id ? -1 : 1));
    expect(firstPage.slice(0, groups[0]!.count)).toEqual(firstGroup.map((r) => r.id));
  });
});
