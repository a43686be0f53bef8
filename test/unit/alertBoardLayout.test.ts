import { describe, expect, it } from 'vitest';
import type { BoardGroup } from '../../shared/api/alerts';
import { createBoardLayout, GROUP_HEIGHT, ROW_HEIGHT, scrollTopToReveal } from '../../renderer/src/views/alerts/boardLayout';

function groupsOf(sizes: number[]): BoardGroup[] {
  let start = 0;
  return sizes.map((count, i) => {
    const group = { key: `g${i}`, labels: { alertname: `A${i}` }, start, count, critical: count, warning: 0, info: 0, firing: count };
    start += count;
    return group;
  });
}

/** The straightforward list the layout must agree with: every header and row with its pixel top. */
function listed(sizes: number[]) {
  const rows: { kind: 'group' | 'alert'; offset: number; top: number; height: number }[] = [];
  let top = 0;
  let offset = 0;
  for (const size of sizes) {
    rows.push({ kind: 'group', offset, top, height: GROUP_HEIGHT });
    top += GROUP_HEIGHT;
    for (let i = 0; i < size; i++) {
      rows.push({ kind: 'alert', offset: offset + i, top, height: ROW_HEIGHT });
      top += ROW_HEIGHT;
    }
    offset += size;
  }
  return { rows, height: top };
}

describe('alert board layout (fixed-height rows and group headers, no per-row measuring)', () => {
  const sizes = [3, 1, 7, 2, 1, 12];
  const total = sizes.reduce((a, b) => a + b, 0);
  const layout = createBoardLayout(groupsOf(sizes), total);
  const expected = listed(sizes);

  it('places every header and alert where a full list would', () => {
    expect(layout.count).toBe(expected.rows.length);
    expect(layout.totalHeight).toBe(expected.height);
    expected.rows.forEach((row, index) => {
      const got = layout.rowAt(index);
      expect(got.kind).toBe(row.kind);
      if (got.kind === 'alert') {
        expect(got.offset).toBe(row.offset);
        expect(layout.indexOfOffset(row.offset)).toBe(index);
      } else expect(got.group.start).toBe(row.offset);
      expect(layout.topOf(index)).toBe(row.top);
      expect(layout.heightOf(index)).toBe(row.height);
    });
  });

  it('finds the row under every pixel, and renders the visible rows plus overscan', () => {
    for (let y = 0; y < expected.height; y++) {
      const index = expected.rows.findIndex((row) => y >= row.top && y < row.top + row.height);
      expect(layout.indexAt(y)).toBe(index);
    }
    expect(layout.indexAt(expected.height + 500)).toBe(expected.rows.length - 1);
    const top = expected.rows[10]!.top + 5;
    const range = layout.range(top, 3 * ROW_HEIGHT, 2);
    expect(range.from).toBe(8);
    expect(range.to).toBe(layout.indexAt(top + 3 * ROW_HEIGHT - 1) + 2);
    expect(createBoardLayout([], 0).range(0, 500, 15)).toEqual({ from: 0, to: -1 });
  });

  it('scales to 100,000 alerts in 1,000 groups and without grouping', () => {
    const big = createBoardLayout(groupsOf(Array.from({ length: 1000 }, () => 100)), 100_000);
    expect(big.count).toBe(101_000);
    expect(big.totalHeight).toBe(1000 * GROUP_HEIGHT + 100_000 * ROW_HEIGHT);
    const last = big.indexOfOffset(99_999);
    expect(last).toBe(100_999);
    expect(big.topOf(last) + ROW_HEIGHT).toBe(big.totalHeight);
    expect(big.indexAt(big.topOf(last))).toBe(last);
    const flat = createBoardLayout([], 100_000);
    expect(flat.indexAt(34 * 50_000 + 1)).toBe(50_000);
    expect(flat.rowAt(42)).toEqual({ kind: 'alert', offset: 42 });
  });

  it('scrolls a keyboard-selected row just into view, showing the header of a group’s first alert', () => {
    const height = 4 * ROW_HEIGHT;
    // Already visible: no scroll.
    expect(scrollTopToReveal(layout, layout.indexOfOffset(1), 0, height)).toBeUndefined();
    // Below the viewport: its bottom edge lands on the viewport's bottom edge.
    const below = layout.indexOfOffset(10);
    expect(scrollTopToReveal(layout, below, 0, height)).toBe(layout.topOf(below) + ROW_HEIGHT - height);
    // Above the viewport and first of its group: the header comes into view with it.
    const firstOfGroup = layout.indexOfOffset(4);
    expect(layout.rowAt(firstOfGroup - 1).kind).toBe('group');
    expect(scrollTopToReveal(layout, firstOfGroup, 2000, height)).toBe(layout.topOf(firstOfGroup - 1));
  });
});
