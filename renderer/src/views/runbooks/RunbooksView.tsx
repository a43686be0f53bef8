import { useEffect, useMemo, useRef, useState } from 'react';
import { EmptyState } from '../../components/EmptyState';
import { useApiQuery } from '../../components/useApiQuery';
import { useUiStore } from '../../state/uiStore';
import { isTypingTarget } from '../../shell/useGlobalShortcuts';
import type { RunbookLinkTarget, RunbookSummary } from '../../../../shared/api/runbooks';
import { RunbookReader, scrollToHeading } from './RunbookReader';
import { RunbookSources } from './RunbookSources';
import { SnippetText } from './SnippetText';
import { useRunbookSearch } from './useRunbookSearch';

interface ListEntry {
  key: string;
  runbookId: string;
  anchor: string | undefined;
}

function groupByFolder(runbooks: RunbookSummary[]): { folder: string; runbooks: RunbookSummary[] }[] {
  const groups = new Map<string, RunbookSummary[]>();
  for (const runbook of runbooks) {
    const folder = `${runbook.sourceName}/${runbook.path.split('/').slice(0, -1).join('/')}`.replace(/\/$/, '');
    groups.set(folder, [...(groups.get(folder) ?? []), runbook]);
  }
  return [...groups.entries()].map(([folder, list]) => ({
    folder,
    runbooks: list.sort((a, b) => (a.weight ?? 1e9) - (b.weight ?? 1e9) || a.title.localeCompare(b.title)),
  }));
}

/** The library: search as you type on the left, the runbook on the right, `#/runbooks/<id>/<anchor>` as the address. */
export function RunbooksView({ params }: { params: string[] }) {
  const navigate = useUiStore((s) => s.navigate);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const search = useRunbookSearch(query, { limit: 50 });
  const all = useApiQuery('runbooks.list', {}, ['runbooks.changed']);
  const inputRef = useRef<HTMLInputElement>(null);
  const [selectedId, selectedAnchor] = params;

  const grouped = useMemo(() => groupByFolder(all.data ?? []), [all.data]);
  const entries: ListEntry[] = query.trim()
    ? search.hits.map((hit) => ({ key: `s${hit.sectionId}`, runbookId: hit.runbookId, anchor: hit.anchor || undefined }))
    : grouped.flatMap((group) => group.runbooks.map((r) => ({ key: r.id, runbookId: r.id, anchor: undefined })));

  // Enter pressed before this keystroke's results arrived: open the first of them when they do.
  const [pendingEnter, setPendingEnter] = useState(false);
  const fresh = search.forQuery === query;

  useEffect(() => setActive(0), [query]);

  function open(target: RunbookLinkTarget | ListEntry) {
    const anchor = target.anchor ?? undefined;
    navigate('runbooks', anchor ? [target.runbookId, anchor] : [target.runbookId]);
    if (anchor && target.runbookId === selectedId && anchor === selectedAnchor) scrollToHeading(document.querySelector('.runbook-reader-main'), anchor);
  }

  function onSearchKey(event: React.KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      setActive((i) => Math.min(entries.length - 1, i + 1));
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setActive((i) => Math.max(0, i - 1));
    } else if (event.key === 'Enter') {
      event.preventDefault();
      if (query.trim() && !fresh) {
        setPendingEnter(true);
        return;
      }
      const entry = entries[active];
      if (entry) open(entry);
    } else if (event.key === 'Escape') {
      setQuery('');
    }
  }

  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      if (isTypingTarget(event.target) || event.ctrlKey || event.metaKey || event.altKey || useUiStore.getState().paletteOpen) return;
      if (event.key === 'j' || event.key === 'k') {
        const reader = document.querySelector('.runbook-reader-main');
        reader?.scrollBy({ top: event.key === 'j' ? 80 : -80 });
      }
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  useEffect(() => {
    if (!pendingEnter || !fresh) return;
    setPendingEnter(false);
    const first = search.hits[0];
    if (first) open({ key: '', runbookId: first.runbookId, anchor: first.anchor || undefined });
    // open() is recreated each render; running once the fresh results arrive is what matters here.
  }, [pendingEnter, fresh, search.hits]);

  const hasRunbooks = (all.data?.length ?? 0) > 0;
  return (
    <section className="view runbooks-view" aria-labelledby="runbooks-title">
      <div className="runbooks-side">
        <header className="view-header">
          <h1 id="runbooks-title">Runbooks</h1>
          {all.data ? <span className="muted">{all.data.length} local</span> : null}
        </header>
        <input
          ref={inputRef}
          data-view-search
          type="search"
          className="runbooks-search"
          placeholder='Search: words, "a phrase", tag:x, source:name  (/)'
          aria-label="Search runbooks"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={onSearchKey}
          aria-controls="runbook-results"
        />
        {query.trim() && search.mode === 'any' ? <p className="muted runbooks-hint">No section has every word; showing sections with some of them.</p> : null}
        {query.trim() && search.partial ? (
          <p className="muted runbooks-hint">Very broad: thousands of sections match and only the newest were ranked. Add a word to narrow.</p>
        ) : null}
        {search.error ? <p className="error-banner" role="alert">{search.error}</p> : null}
        <ul className={fresh ? 'runbook-results' : 'runbook-results stale'} id="runbook-results" role="listbox" aria-label={query.trim() ? 'Search results' : 'All runbooks'}>
          {query.trim()
            ? search.hits.map((hit, index) => (
                <li
                  key={hit.sectionId}
                  role="option"
                  aria-selected={index === active}
                  className={index === active ? 'runbook-hit active' : 'runbook-hit'}
                  onMouseEnter={() => setActive(index)}
                  onClick={() => open({ key: '', runbookId: hit.runbookId, anchor: hit.anchor || undefined })}
                >
                  <div className="runbook-hit-title">
                    {hit.title}
                    {hit.level > 0 && hit.heading !== hit.title ? <span className="runbook-hit-heading"> › {hit.heading}</span> : null}
                  </div>
                  <div className="runbook-hit-snippet">
                    <SnippetText parts={hit.snippet} />
                  </div>
                  <div className="runbook-hit-path muted mono">
                    {hit.sourceName}: {hit.path}
                  </div>
                </li>
              ))
            : grouped.map((group) => (
                <li key={group.folder} role="presentation" className="runbook-folder">
                  <div className="runbook-folder-name muted mono">{group.folder}</div>
                  <ul role="presentation">
                    {group.runbooks.map((runbook) => {
                      const index = entries.findIndex((e) => e.runbookId === runbook.id);
                      return (
                        <li
                          key={runbook.id}
                          role="option"
                          aria-selected={index === active}
                          className={[runbook.id === selectedId ? 'current' : '', index === active ? 'active' : '', 'runbook-entry'].join(' ')}
                          onClick={() => open({ key: runbook.id, runbookId: runbook.id, anchor: undefined })}
                        >
                          {runbook.title}
                        </li>
                      );
                    })}
                  </ul>
                </li>
              ))}
          {query.trim() && search.hits.length === 0 && search.mode !== 'empty' ? <li className="muted runbooks-none">No runbook section matches “{query}”.</li> : null}
        </ul>
        <RunbookSources startOpen={all.data !== undefined && !hasRunbooks} />
      </div>
      <div className="runbooks-main">
        {selectedId ? (
          <RunbookReader id={selectedId} anchor={selectedAnchor} onOpen={open} />
        ) : hasRunbooks ? (
          <EmptyState title="Pick a runbook">
            <p>Type to search every section; ↑/↓ and Enter open the hit at its heading. Ctrl/Cmd+K searches runbooks from anywhere.</p>
          </EmptyState>
        ) : (
          <EmptyState title="No runbooks imported yet">
            <p>Import a folder of Markdown runbooks (a git checkout of the team wiki) to read and search them with no network.</p>
            <p className="mono">gobag import runbooks ~/src/runbooks --url-prefix https://runbooks.example.com/</p>
          </EmptyState>
        )}
      </div>
    </section>
  );
}
