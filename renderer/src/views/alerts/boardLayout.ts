import type { BoardGroup } from '../../../../shared/api/alerts';

export const ROW_HEIGHT = 34;
export const GROUP_HEIGHT = 30;

/** An alert row carries its group (when grouped), so the row can leave out what the header already says. */
export type BoardRow = { kind: 'group'; group: BoardGroup } | { kind: 'alert'; offset: number; group?: BoardGroup };

export interface BoardLayout {
  /** Virtual rows: alerts plus one header before each group. */
  count: number;
  totalHeight: number;
  rowAt(index: number): BoardRow;
  topOf(index: number): number;
  heightOf(index: number): number;
  /** Virtual index of the row under pixel `y` (clamped to the list). */
  indexAt(y: number): number;
  /** Virtual index of the alert at `offset` in the ordered board result. */
  indexOfOffset(offset: number): number;
  /** Rows to render for a viewport, `overscan` more on each side (to < from when there are none). */
  range(scrollTop: number, height: number, overscan: number): { from: number; to: number };
}

/** Last index in [0, length) whose key is <= target (0 when none): the groups are ordered. */
function lastAtOrBefore(length: number, keyAt: (i: number) => number, target: number): number {
  let lo = 0;
  let hi = length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (keyAt(mid) <= target) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * Positions of 100,000 rows without measuring or listing them: rows and headers have fixed
 * heights, so every position is arithmetic on the group starts and each lookup is a binary
 * search over the groups (a virtualizer would size every row on each measure).
 */
export function createBoardLayout(groups: readonly BoardGroup[], total: number): BoardLayout {
  const clampIndex = (count: number, i: number) => Math.max(0, Math.min(count - 1, i));
  const range = (layout: Pick<BoardLayout, 'count' | 'indexAt'>, scrollTop: number, height: number, overscan: number) => {
    if (layout.count === 0) return { from: 0, to: -1 };
    const first = layout.indexAt(scrollTop);
    const last = layout.indexAt(scrollTop + Math.max(0, height - 1));
    return { from: Math.max(0, first - overscan), to: Math.min(layout.count - 1, last + overscan) };
  };

  if (groups.length === 0) {
    const flat = {
      count: total,
      totalHeight: total * ROW_HEIGHT,
      rowAt: (i: number): BoardRow => ({ kind: 'alert', offset: i }),
      topOf: (i: number) => i * ROW_HEIGHT,
      heightOf: () => ROW_HEIGHT,
      indexAt: (y: number) => clampIndex(total, Math.floor(y / ROW_HEIGHT)),
      indexOfOffset: (offset: number) => offset,
    };
    return { ...flat, range: (scrollTop, height, overscan) => range(flat, scrollTop, height, overscan) };
  }

  // Group g's header sits at virtual index g.start + g (one header before each group so far),
  // and at pixel g * GROUP_HEIGHT + g.start * ROW_HEIGHT.
  const headerIndex = (g: number) => groups[g]!.start + g;
  const headerTop = (g: number) => g * GROUP_HEIGHT + groups[g]!.start * ROW_HEIGHT;
  const count = total + groups.length;
  const groupOfIndex = (i: number) => lastAtOrBefore(groups.length, headerIndex, i);
  const layout = {
    count,
    totalHeight: groups.length * GROUP_HEIGHT + total * ROW_HEIGHT,
    rowAt: (i: number): BoardRow => {
      const g = groupOfIndex(i);
      return headerIndex(g) === i ? { kind: 'group', group: groups[g]! } : { kind: 'alert', offset: i - g - 1, group: groups[g]! };
    },
    topOf: (i: number) => {
      const g = groupOfIndex(i);
      return headerIndex(g) === i ? headerTop(g) : (g + 1) * GROUP_HEIGHT + (i - g - 1) * ROW_HEIGHT;
    },
    heightOf: (i: number) => (headerIndex(groupOfIndex(i)) === i ? GROUP_HEIGHT : ROW_HEIGHT),
    indexAt: (y: number) => {
      const g = lastAtOrBefore(groups.length, headerTop, y);
      const group = groups[g]!;
      const intoGroup = y - headerTop(g) - GROUP_HEIGHT;
      if (intoGroup < 0 || group.count === 0) return clampIndex(count, headerIndex(g));
      return clampIndex(count, headerIndex(g) + 1 + Math.min(group.count - 1, Math.floor(intoGroup / ROW_HEIGHT)));
    },
    indexOfOffset: (offset: number) => offset + lastAtOrBefore(groups.length, (g) => groups[g]!.start, offset) + 1,
  };
  return { ...layout, range: (scrollTop, height, overscan) => range(layout, scrollTop, height, overscan) };
}

/**
 * The scrollTop that brings virtual row `index` fully into view, or undefined when it already is
 * (like scrollIntoView({ block: 'nearest' })). Going up to the first alert of a group shows its
 * header too.
 */
export function scrollTopToReveal(layout: BoardLayout, index: number, scrollTop: number, height: number): number | undefined {
  let top = layout.topOf(index);
  const bottom = top + layout.heightOf(index);
  if (index > 0 && layout.rowAt(index - 1).kind === 'group') top = layout.topOf(index - 1);
  if (top < scrollTop) return top;
  if (bottom > scrollTop + height) return Math.max(0, bottom - height);
  return undefined;
}
