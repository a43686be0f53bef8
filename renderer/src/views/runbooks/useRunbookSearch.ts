import { useEffect, useRef, useState } from 'react';
import { useApi, useReloadOn } from '../../api';
import type { RunbookSearchHit } from '../../../../shared/api/runbooks';

/** Search as you type: every keystroke queries (local FTS, a few ms); answers to older keystrokes are dropped. */
export function useRunbookSearch(query: string, options: { limit: number; sourceId?: string }): { hits: RunbookSearchHit[]; mode: string; partial: boolean; error?: string } {
  const api = useApi();
  const [state, setState] = useState<{ hits: RunbookSearchHit[]; mode: string; partial: boolean; error?: string }>({ hits: [], mode: 'empty', partial: false });
  const generation = useRef(0);
  const [reloads, setReloads] = useState(0);
  useReloadOn(['runbooks.changed'], () => setReloads((n) => n + 1));

  useEffect(() => {
    const mine = ++generation.current;
    if (!query.trim()) {
      setState({ hits: [], mode: 'empty', partial: false });
      return;
    }
    api.call('runbooks.search', { query, limit: options.limit, ...(options.sourceId ? { sourceId: options.sourceId } : {}) }).then(
      (result) => {
        if (mine === generation.current) setState({ hits: result.hits, mode: result.mode, partial: result.partial });
      },
      (error: unknown) => {
        if (mine === generation.current) setState({ hits: [], mode: 'error', partial: false, error: error instanceof Error ? error.message : String(error) });
      },
    );
  }, [api, query, options.limit, options.sourceId, reloads]);
  return state;
}
