import type { BoardGroup } from '../../shared/api/alerts';
import { parseMatcherQuery, type LabelMatcher } from '../../shared/domain/alertMatchers';
import type { AlertFilter, createAlertStore } from '../store/alertStore';
import { buildBoardIndex, type BoardIndex, type OrderRow, type StoredGroup } from './boardIndex';

/** Board orderings kept between page requests (one per filter). */
const BOARD_CACHE_SIZE = 4;
/** More changed alerts than this in one go: rebuild rather than patch. */
const PATCH_LIMIT = 5000;
/** Rows of the alerts table per slice of a full build (~50 ms each): the event loop runs between slices. */
const BUILD_SLICE_ROWS = 20_000;

/** One window of one board: which alerts, in what order, under which group headers. */
export interface BoardRequest {
  filter: AlertFilter;
  groupBy: string[];
  nowIso: string;
  /** data_version of the asking connection: moves only when another process commits. */
  external: number;
  offset: number;
  limit: number;
  /** The board's own answer: with group headers; a page needs only ids. */
  forBoard: boolean;
}

export interface BoardView {
  total: number;
  groupBy: string[];
  /** Empty unless `forBoard`. */
  groups: BoardGroup[];
  ids: string[];
  matcherErrors: string[];
}

interface CachedBoard {
  index: BoardIndex;
  matchers: LabelMatcher[];
  words: string[];
  matcherErrors: string[];
  external: number;
  pending: Set<string> | 'all';
}

/** A board being built, and what this process changed meanwhile. */
interface BoardBuild {
  built: Promise<CachedBoard>;
  pending: Set<string> | 'all';
}

/**
 * Ordered, grouped boards kept in memory per filter and patched alert by alert as the process
 * announces its writes (`changed`), so a webhook does not re-sort 100,000 alerts; another
 * process's commits (a different `external` data_version) rebuild them. A full build reads the
 * table a slice at a time and lets the event loop run between slices: at start the page's own
 * files, webhooks and IPC are answered while the first board is built, not after it.
 */
export function createBoardCache(store: Pick<ReturnType<typeof createAlertStore>, 'boardGroups' | 'orderRows' | 'alertRowidSpan'>) {
  const boards = new Map<string, CachedBoard>();
  const building = new Map<string, BoardBuild>();

  function patch(cached: CachedBoard, filter: AlertFilter, nowIso: string): void {
    if (cached.pending === 'all') {
      const groupBy = cached.index.groupBy;
      cached.index = buildBoardIndex(store.boardGroups(filter, groupBy, nowIso, cached.matchers, cached.words), groupBy, filter.sort);
    } else if (cached.pending.size > 0) {
      const ids = [...cached.pending];
      cached.index.patch(ids, store.orderRows(filter, cached.index.groupBy, nowIso, cached.matchers, cached.words, ids));
    }
    cached.pending = new Set();
  }

  function remember(key: string, cached: CachedBoard): void {
    boards.delete(key);
    boards.set(key, cached);
    while (boards.size > BOARD_CACHE_SIZE) boards.delete(boards.keys().next().value!);
  }

  async function build(key: string, filter: AlertFilter, groupBy: string[], nowIso: string, external: number): Promise<CachedBoard> {
    const { matchers, words, errors } = parseMatcherQuery(filter.query);
    const meanwhile: { pending: Set<string> | 'all' } = { pending: new Set() };
    const slices: StoredGroup[][] = [];
    // Slices of about BUILD_SLICE_ROWS rows each, by rowid ranges however sparse the rowids are.
    const { last, count } = store.alertRowidSpan();
    const width = Math.ceil((last + 1) / Math.max(1, Math.ceil(count / BUILD_SLICE_ROWS)));
    const built = (async () => {
      // Rows added after `last` are announced as changes and patched in below.
      for (let from = 0; from <= last; from += width) {
        await new Promise<void>((resolve) => setImmediate(resolve));
        slices.push(store.boardGroups(filter, groupBy, nowIso, matchers, words, { from, to: from + width }));
      }
      const cached: CachedBoard = { index: buildBoardIndex(mergeSlices(slices), groupBy, filter.sort), matchers, words, matcherErrors: errors, external, pending: meanwhile.pending };
      patch(cached, filter, nowIso);
      remember(key, cached);
      return cached;
    })().finally(() => building.delete(key));
    building.set(key, Object.assign(meanwhile, { built }));
    return built;
  }

  async function board(filter: AlertFilter, groupBy: string[], nowIso: string, external: number): Promise<CachedBoard> {
    const key = JSON.stringify([filter.query, filter.state, filter.sort, groupBy]);
    const cached = boards.get(key);
    if (cached && cached.external === external && cached.pending !== 'all') {
      patch(cached, filter, nowIso);
      remember(key, cached);
      return cached;
    }
    return building.get(key)?.built ?? build(key, filter, groupBy, nowIso, external);
  }

  return {
    async view(request: BoardRequest): Promise<BoardView> {
      const { index, matcherErrors } = await board(request.filter, request.groupBy, request.nowIso, request.external);
      return {
        total: index.total(),
        groupBy: index.groupBy,
        groups: request.forBoard ? index.groups() : [],
        ids: index.slice(request.offset, request.limit),
        matcherErrors,
      };
    },

    /** This process changed these alerts (all, when `ids` is absent): kept boards patch them on next read. */
    changed(ids: readonly string[] | undefined): void {
      for (const cached of [...boards.values(), ...building.values()]) {
        if (!ids || cached.pending === 'all' || cached.pending.size + ids.length > PATCH_LIMIT) cached.pending = 'all';
        else for (const id of ids) cached.pending.add(id);
      }
    },
  };
}

/** One group per key from the per-slice aggregates: counts add up, rows are read slice by slice. */
function mergeSlices(slices: readonly StoredGroup[][]): StoredGroup[] {
  if (slices.length === 1) return slices[0]!;
  const merged = new Map<string, StoredGroup & { parts: (() => OrderRow[])[] }>();
  for (const group of slices.flat()) {
    const into = merged.get(group.key);
    if (!into) {
      const parts = [group.rows];
      merged.set(group.key, { ...group, parts, rows: () => parts.flatMap((read) => read()) });
    } else {
      into.count += group.count;
      into.critical += group.critical;
      into.warning += group.warning;
      into.firing += group.firing;
      into.parts.push(group.rows);
    }
  }
  return [...merged.values()];
}

export type BoardCache = ReturnType<typeof createBoardCache>;
