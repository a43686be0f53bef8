import { useEffect, useRef, useState } from 'react';
import { useApi, useReloadOn } from '../../api';
import type { RunbookSearchHit } from '../../../../shared/api/runbooks';

export interface RunbookSearchState {
  hits: RunbookSearchHit[];
  mode: string;
  partial: boolean;
  /** The query these hits answer; while it differs from the typed one, the hits are the previous keystroke's. */
  forQuery: string;
  error?: string;
}

/** Search as you type: every keystroke queries (local FTS, a few ms); answers to older keystrokes are dropped. */
export function useRunbookSearch(query: string, options: { limit: number; sourceId?: string }): RunbookSearchState {
  const api = useApi();
  const [state, setState] = useState<RunbookSearchState>({ hits: [], mode: 'empty', partial: false, forQuery: '' });
  const generation = useRef(0);
  const [reloads, setReloads] = useState(0);
  useReloadOn(['runbooks.changed'], () => setReloads((n) => n + 1));

  useEffect(() => {
    const mine = ++generation.current;
    if (!query.trim()) {
      setState({ hits: [], mode: 'empty', partial: false, forQuery: query });
      return;
    }
    api.call('runbooks.search', { query, limit: options.limit, ...(options.sourceId ? { sourceId: options.sourceId } : {}) }).then(
      (result) => {
        if (mine === generation.current) setState({ hits: result.hits, mode: result.mode, partial: result.partial, forQuery: query });
      },
      (error: unknown) => {
        if (mine === generation.current) {
          setState({ hits: [], mode: 'error', partial: false, forQuery: query, error: error instanceof Error ? error.message : String(error) });
        }
      },
    );
  }, [api, query, options.limit, options.sourceId, reloads]);
  return state;
}
