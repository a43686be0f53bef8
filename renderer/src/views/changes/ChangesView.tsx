import { lazy, Suspense, useEffect, useMemo, useRef, useState } from 'react';
import { useApi } from '../../api';
import { EmptyState } from '../../components/EmptyState';
import { CopyButton } from '../../components/CopyButton';
import { useApiQuery } from '../../components/useApiQuery';
import { formatAgo, formatTime } from '../../components/format';
import { useNow } from '../../components/useNow';
import { useUiStore } from '../../state/uiStore';
import { isTypingTarget } from '../../shell/useGlobalShortcuts';
import type { Change, ChangeFilter } from '../../../../shared/api/changes';
import { CHANGE_KINDS, CHANGE_KIND_LABELS, type ChangeKind } from '../../../../shared/domain/changeCorrelation';
// recharts loads with the chart, not with the app's first screen.
const ChangeTimeline = lazy(() => import('./ChangeTimeline').then((m) => ({ default: m.ChangeTimeline })));
import { QUICK_ENTRY_KEY_LABEL, useChangeEntryStore } from './changeEntryStore';
import { formatShortTime } from './changeFormat';

const RANGES = [
  { id: '2h', label: 'Last 2 h', ms: 2 * 3_600_000 },
  { id: '6h', label: 'Last 6 h', ms: 6 * 3_600_000 },
  { id: '24h', label: 'Last 24 h', ms: 24 * 3_600_000 },
  { id: '7d', label: 'Last 7 days', ms: 7 * 86_400_000 },
  { id: '30d', label: 'Last 30 days', ms: 30 * 86_400_000 },
  { id: '1y', label: 'Last year', ms: 365 * 86_400_000 },
] as const;
type RangeId = (typeof RANGES)[number]['id'];

const PAGE_SIZE = 500;
const MAX_LIST = 5000;

/** Debounces typing so a search runs once per pause, not once per key. */
function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

function Filters({
  filter,
  setFilter,
  range,
  setRange,
  search,
  setSearch,
}: {
  filter: Pick<ChangeFilter, 'service' | 'environment' | 'kind' | 'author'>;
  setFilter(next: Pick<ChangeFilter, 'service' | 'environment' | 'kind' | 'author'>): void;
  range: RangeId;
  setRange(range: RangeId): void;
  search: string;
  setSearch(text: string): void;
}) {
  const facets = useApiQuery('changes.facets', {}, ['changes.changed']);
  const select = (key: 'service' | 'environment' | 'author', label: string, options: string[]) => (
    <label className="changes-filter">
      <span>{label}</span>
      <select value={filter[key] ?? ''} onChange={(e) => setFilter({ ...filter, [key]: e.target.value || undefined })} aria-label={`Filter by ${label.toLowerCase()}`}>
        <option value="">all</option>
        {options.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
    </label>
  );
  const active = Boolean(filter.service || filter.environment || filter.kind || filter.author || search);
  return (
    <div className="changes-filters" role="search">
      <input
        data-view-search
        className="changes-search"
        type="search"
        placeholder="Search changes (/)…"
        aria-label="Search changes"
        value={search}
        onChange={(e) => setSearch(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') (e.target as HTMLInputElement).blur();
        }}
      />
      <label className="changes-filter">
        <span>Range</span>
        <select value={range} onChange={(e) => setRange(e.target.value as RangeId)} aria-label="Time range">
          {RANGES.map((r) => (
            <option key={r.id} value={r.id}>
              {r.label}
            </option>
          ))}
        </select>
      </label>
      {select('service', 'Service', facets.data?.services ?? [])}
      {select('environment', 'Env', facets.data?.environments ?? [])}
      <label className="changes-filter">
        <span>Kind</span>
        <select value={filter.kind ?? ''} onChange={(e) => setFilter({ ...filter, kind: (e.target.value || undefined) as ChangeKind | undefined })} aria-label="Filter by kind">
          <option value="">all</option>
          {CHANGE_KINDS.map((k) => (
            <option key={k} value={k}>
              {CHANGE_KIND_LABELS[k]}
            </option>
          ))}
        </select>
      </label>
      {select('author', 'By', facets.data?.authors ?? [])}
      {active ? (
        <button
          type="button"
          className="ghost"
          onClick={() => {
            setFilter({});
            setSearch('');
          }}
        >
          Clear filters
        </button>
      ) : null}
    </div>
  );
}

function ChangeDetail({ change, onClose }: { change: Change; onClose(): void }) {
  const api = useApi();
  const openEdit = useChangeEntryStore((s) => s.openEdit);
  const detail = useApiQuery('changes.get', { id: change.id }, ['changes.changed']);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [error, setError] = useState<string>();
  const history = detail.data?.history ?? [];
  const isUrl = change.link ? /^https?:\/\//i.test(change.link) : false;
  const extra = Object.keys(change.details).length ? JSON.stringify(change.details, null, 2) : null;

  return (
    <aside className="card changes-detail" aria-label="Change detail">
      <header className="changes-detail-header">
        <h2>{change.deletedAt ? 'Deleted change' : 'Change'}</h2>
        <button type="button" className="ghost" onClick={onClose} aria-label="Close detail">
          ✕
        </button>
      </header>
      <p className="changes-detail-summary">{change.summary}</p>
      <dl className="facts">
        <dt>When</dt>
        <dd>
          {formatTime(change.at)} ({formatAgo(change.at)})
        </dd>
        <dt>Kind</dt>
        <dd>{CHANGE_KIND_LABELS[change.kind]}</dd>
        <dt>Service</dt>
        <dd>{change.service ?? <span className="muted">all / unspecified</span>}</dd>
        <dt>Environment</dt>
        <dd>{change.environment ?? <span className="muted">unspecified (counts as production)</span>}</dd>
        <dt>By</dt>
        <dd>{change.author ?? <span className="muted">unknown</span>}</dd>
        {change.link ? (
          <>
            <dt>Ticket / link</dt>
            <dd>
              {isUrl ? (
                <a href={change.link} target="_blank" rel="noreferrer noopener">
                  {change.link}
                </a>
              ) : (
                change.link
              )}
            </dd>
          </>
        ) : null}
        {change.sideEffects ? (
          <>
            <dt>Side effects</dt>
            <dd>{change.sideEffects}</dd>
          </>
        ) : null}
        <dt>Source</dt>
        <dd>
          {change.origin}
          {change.externalId ? <span className="muted mono"> · {change.externalId}</span> : null}
        </dd>
      </dl>
      {change.rollback ? (
        <div className="changes-rollback">
          <span className="muted">Rollback</span>
          <code className="mono">{change.rollback}</code>
          <CopyButton text={change.rollback} label="Copy rollback" className="changes-copy" />
        </div>
      ) : (
        <p className="muted">No rollback command recorded.</p>
      )}
      {!change.deletedAt ? (
        <div className="changes-detail-actions">
          <button type="button" onClick={() => openEdit(change)}>
            Edit <kbd>e</kbd>
          </button>
          {confirmDelete ? (
            <>
              <span>Delete this change? It stays in the history.</span>
              <button
                type="button"
                className="primary"
                onClick={() => {
                  api.call('changes.delete', { id: change.id }).then(onClose, (err: unknown) => setError(err instanceof Error ? err.message : String(err)));
                }}
              >
                Delete
              </button>
              <button type="button" onClick={() => setConfirmDelete(false)}>
                Keep
              </button>
            </>
          ) : (
            <button type="button" className="ghost" onClick={() => setConfirmDelete(true)}>
              Delete…
            </button>
          )}
        </div>
      ) : null}
      {error ? <p className="error-banner">{error}</p> : null}
      <h3 className="changes-history-title">History</h3>
      <ol className="changes-history">
        {history.map((h) => (
          <li key={h.revision}>
            <span className="muted">
              {formatTime(h.at)} · {h.by ?? 'feed'}
            </span>{' '}
            {h.op === 'insert' ? 'recorded' : h.op === 'delete' ? 'deleted' : 'edited'}
            {h.op === 'update' ? (
              <ul>
                {Object.entries(h.fields).map(([field, { from, to }]) => (
                  <li key={field}>
                    {field}: <s className="muted">{String(from ?? '—')}</s> → {String(to ?? '—')}
                  </li>
                ))}
              </ul>
            ) : null}
            {h.reason ? <span className="muted"> ({h.reason})</span> : null}
          </li>
        ))}
      </ol>
      {extra ? (
        <details>
          <summary>Details from the feed</summary>
          <pre className="mono changes-extra">{extra}</pre>
        </details>
      ) : null}
    </aside>
  );
}

function DirectChangeDetail({ id, onClose }: { id: string; onClose(): void }) {
  const detail = useApiQuery('changes.get', { id }, ['changes.changed']);
  if (detail.error) return <p className="error-banner">{detail.error}</p>;
  return detail.data ? <ChangeDetail change={detail.data.change} onClose={onClose} /> : null;
}

export function ChangesView({ params }: { params: string[] }) {
  const navigate = useUiStore((s) => s.navigate);
  const openNew = useChangeEntryStore((s) => s.openNew);
  const openEdit = useChangeEntryStore((s) => s.openEdit);
  const [range, setRange] = useState<RangeId>('24h');
  const [filter, setFilter] = useState<Pick<ChangeFilter, 'service' | 'environment' | 'kind' | 'author'>>({});
  const [search, setSearch] = useState('');
  const [limit, setLimit] = useState(PAGE_SIZE);
  // One letter matches nearly everything and costs a full-text scan on a big log: wait for two.
  const typed = useDebounced(search.trim(), 150);
  const query = typed.length >= 2 ? typed : '';
  // The range end follows the clock so new changes fall inside it.
  const now = useNow(30_000);
  const rangeMs = RANGES.find((r) => r.id === range)!.ms;
  const to = Math.ceil((now + 60_000) / 60_000) * 60_000;
  const from = to - rangeMs;
  const since = new Date(from).toISOString();

  const list = useApiQuery('changes.list', { ...filter, query: query || undefined, since, limit }, ['changes.changed']);
  const changes = useMemo(() => list.data?.changes ?? [], [list.data]);
  const selectedId = params[0];
  const selectedInList = changes.find((c) => c.id === selectedId);
  const selected = selectedInList;
  const tableRef = useRef<HTMLTableSectionElement>(null);

  const select = (id: string | undefined) => navigate('changes', id ? [id] : []);

  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (event.ctrlKey || event.metaKey || event.altKey || isTypingTarget(event.target)) return;
      if (document.querySelector('[role="dialog"][aria-modal="true"]')) return;
      const index = changes.findIndex((c) => c.id === selectedId);
      if (event.key === 'j' || event.key === 'ArrowDown') {
        const next = changes[Math.min(changes.length - 1, index + 1)];
        if (next) {
          event.preventDefault();
          select(next.id);
        }
      } else if (event.key === 'k' || event.key === 'ArrowUp') {
        const prev = changes[Math.max(0, index - 1)];
        if (prev) {
          event.preventDefault();
          select(prev.id);
        }
      } else if (event.key === 'e' && selected && !selected.deletedAt) {
        event.preventDefault();
        openEdit(selected);
      } else if (event.key === 'Escape' && selectedId) {
        select(undefined);
      }
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  });

  useEffect(() => {
    tableRef.current?.querySelector('tr[aria-selected="true"]')?.scrollIntoView({ block: 'nearest' });
  }, [selectedId]);

  const nothingAtAll = list.data && changes.length === 0 && !query && !filter.service && !filter.environment && !filter.kind && !filter.author;
  return (
    <section className="view changes-view" aria-labelledby="changes-title">
      <header className="view-header">
        <h1 id="changes-title">Changes</h1>
        <span className="muted" role="status">
          {list.data ? `${changes.length}${list.data.truncated ? '+' : ''} in range` : ''}
        </span>
        <button type="button" className="primary changes-record" onClick={openNew}>
          Record change <kbd>{QUICK_ENTRY_KEY_LABEL}</kbd>
        </button>
      </header>
      <Filters filter={filter} setFilter={setFilter} range={range} setRange={setRange} search={search} setSearch={setSearch} />
      {list.error ? <p className="error-banner">{list.error}</p> : null}
      <Suspense
        fallback={
          <div className="changes-timeline" aria-hidden="true">
            <div className="changes-timeline-chart" />
          </div>
        }
      >
        <ChangeTimeline changes={changes} from={from} to={to} selectedId={selectedId} onSelect={(id) => select(id)} />
      </Suspense>
      {nothingAtAll ? (
        <EmptyState title={`No changes in the ${RANGES.find((r) => r.id === range)!.label.toLowerCase()}`}>
          <p>
            Record one with <kbd>{QUICK_ENTRY_KEY_LABEL}</kbd> from anywhere, <code>gobag change "deploy api v2.3.1" --service api</code>, a pipeline&apos;s{' '}
            <code>POST /hooks/change</code> or PagerDuty change events at <code>/hooks/pagerduty-change</code>.
          </p>
        </EmptyState>
      ) : (
        <div className={selectedId ? 'changes-body with-detail' : 'changes-body'}>
          <div className="changes-list">
          <table className="table changes-table" aria-label="Changes">
            <thead>
              <tr>
                <th>When</th>
                <th>Kind</th>
                <th>Service / env</th>
                <th>Summary</th>
                <th>By</th>
                <th>Rollback</th>
              </tr>
            </thead>
            <tbody ref={tableRef}>
              {changes.length === 0 ? (
                <tr>
                  <td colSpan={6} className="muted">
                    Nothing matches these filters.
                  </td>
                </tr>
              ) : null}
              {changes.map((change) => (
                <tr
                  key={change.id}
                  aria-selected={change.id === selectedId}
                  className={change.id === selectedId ? 'selected' : undefined}
                  onClick={() => select(change.id)}
                  tabIndex={0}
                  onKeyDown={(e) => {
                    if (e.key === 'Enter') select(change.id);
                  }}
                >
                  <td className="changes-when" title={formatTime(change.at)}>
                    {formatShortTime(change.at, now)}
                    <span className="muted"> · {formatAgo(change.at, now)}</span>
                  </td>
                  <td>
                    <span className={`changes-kind kind-${change.kind}`}>{CHANGE_KIND_LABELS[change.kind]}</span>
                  </td>
                  <td>
                    {change.service ?? <span className="muted">—</span>}
                    {change.environment ? <span className="muted"> / {change.environment}</span> : null}
                  </td>
                  <td className="changes-summary-cell">{change.summary}</td>
                  <td>{change.author ?? <span className="muted">—</span>}</td>
                  <td>{change.rollback ? <CopyButton text={change.rollback} label="Copy" className="changes-copy" /> : <span className="muted">—</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {list.data?.truncated ? (
            <p className="muted changes-more">
              Showing the newest {changes.length}.{' '}
              {limit < MAX_LIST ? (
                <button type="button" onClick={() => setLimit((l) => Math.min(MAX_LIST, l + PAGE_SIZE))}>
                  Show {PAGE_SIZE} more
                </button>
              ) : (
                'Narrow the range or the filters to see older ones.'
              )}
            </p>
          ) : null}
          </div>
          {selected ? (
            <ChangeDetail change={selected} onClose={() => select(undefined)} />
          ) : selectedId && list.data ? (
            // Linked from the header or the palette but outside the current filters: fetch it by id.
            <DirectChangeDetail id={selectedId} onClose={() => select(undefined)} />
          ) : null}
        </div>
      )}
    </section>
  );
}
