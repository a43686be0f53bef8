import { describe, expect, it } from 'vitest';
import { buildBoardIndex, GROUP_VALUE_SEPARATOR, type OrderRow } from '../../electron/alerts/boardIndex';
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

describe('board index', () => {
  it('after random patches orders and groups exactly like a fresh build', () => {
    const groupBy = ['alertname', 'service/job'];
    let rows = Array.from({ length: 500 }, (_, i) => row(i, 0));
    const index = buildBoardIndex(rows, groupBy, 'severity');
    let seed = 1;
    for (let round = 0; round < 50; round++) {
      const changed = Array.from({ length: 1 + (round % 7) }, (_, k) => (round * 37 + k * 101) % 600);
      seed++;
      const kept = rows.filter((r) => !changed.includes(Number(r.id.slice(3))));
      // Some changed alerts leave the filter (e.g. resolved), the rest come back changed; new ids appear.
      const back = changed.filter((n) => (n + round) % 3 !== 0).map((n) => row(n, seed));
      index.patch(changed.map((n) => `id-${String(n).padStart(5, '0')}`), back);
      rows = [...kept, ...back];
      const fresh = buildBoardIndex(rows, groupBy, 'severity');
      expect(index.total()).toBe(fresh.total());
      expect(index.groups()).toEqual(fresh.groups());
      expect(index.slice(0, 10_000)).toEqual(fresh.slice(0, 10_000));
    }
    const groups = index.groups();
    expect(groups[0]!.critical).toBeGreaterThan(0);
    expect(index.slice(groups[1]!.start, 3)).toEqual(index.slice(0, 10_000).slice(groups[1]!.start, groups[1]!.start + 3));
  });
});
