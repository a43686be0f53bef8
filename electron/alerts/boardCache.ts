import type { BoardGroup } from '../../shared/api/alerts';
import { parseMatcherQuery, type LabelMatcher } from '../../shared/domain/alertMatchers';
import type { AlertFilter, createAlertStore } from '../store/alertStore';
import { buildBoardIndex, type BoardIndex } from './boardIndex';

/** Board orderings kept between page requests (one per filter). */
const BOARD_CACHE_SIZE = 4;
/** More changed alerts than this in one go: rebuild rather than patch. */
const PATCH_LIMIT = 5000;

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

/**
 * Ordered, grouped boards kept in memory per filter and patched alert by alert as the process
 * announces its writes (`changed`), so a webhook does not re-sort 100,000 alerts; another
 * process's commits (a different `external` data_version) rebuild them.
 */
export function createBoardCache(store: Pick<ReturnType<typeof createAlertStore>, 'boardGroups' | 'orderRows'>) {
  const boards = new Map<string, CachedBoard>();

  function refresh(cached: CachedBoard, filter: AlertFilter, nowIso: string): void {
    const groupBy = cached.index.groupBy;
    if (cached.pending === 'all') {
      cached.index = buildBoardIndex(store.boardGroups(filter, groupBy, nowIso, cached.matchers, cached.words), groupBy, filter.sort);
    } else if (cached.pending.size > 0) {
      const ids = [...cached.pending];
      cached.index.patch(ids, store.orderRows(filter, groupBy, nowIso, cached.matchers, cached.words, ids));
    }
    cached.pending = new Set();
  }

  function board(filter: AlertFilter, groupBy: string[], nowIso: string, external: number): CachedBoard {
    const key = JSON.stringify([filter.query, filter.state, filter.sort, groupBy]);
    let cached = boards.get(key);
    if (cached && cached.external === external) refresh(cached, filter, nowIso);
    else {
      const { matchers, words, errors } = parseMatcherQuery(filter.query);
      const index = buildBoardIndex(store.boardGroups(filter, groupBy, nowIso, matchers, words), groupBy, filter.sort);
      cached = { index, matchers, words, matcherErrors: errors, external, pending: new Set() };
    }
    boards.delete(key);
    boards.set(key, cached);
    while (boards.size > BOARD_CACHE_SIZE) boards.delete(boards.keys().next().value!);
    return cached;
  }

  return {
    view(request: BoardRequest): BoardView {
      const { index, matcherErrors } = board(request.filter, request.groupBy, request.nowIso, request.external);
      return {
        total: index.total(),
        groupBy: index.groupBy,
        groups: request.forBoard ? index.groups() : [],
        ids: index.slice(request.offset, request.limit),
        matcherErrors,
      };
    },

    /** This process changed these alerts (all, when `ids` is absent): cached boards patch them on next read. */
    changed(ids: readonly string[] | undefined): void {
      for (const cached of boards.values()) {
        if (!ids || cached.pending === 'all' || cached.pending.size + ids.length > PATCH_LIMIT) cached.pending = 'all';
        else for (const id of ids) cached.pending.add(id);
      }
    },
  };
}

export type BoardCache = ReturnType<typeof createBoardCache>;
