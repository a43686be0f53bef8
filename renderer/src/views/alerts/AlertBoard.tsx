import { lazy, Suspense, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type CSSProperties, type ReactNode, type RefObject } from 'react';
import { flushSync } from 'react-dom';
import type { AlertSort, AlertStateFilter, AlertSummary, BoardGroup } from '../../../../shared/api/alerts';
import { truncationNotice } from '../../../../shared/domain/alertPayloads';
import { useApi, type ApiClient } from '../../api';
import { useApiQuery } from '../../components/useApiQuery';
import { useNow } from '../../components/useNow';
import { isTypingTarget } from '../../shell/useGlobalShortcuts';
import { useUiStore } from '../../state/uiStore';
import { useAlertBoardStore } from './alertBoardStore';
import { formatClock, formatSince, matchersForAlert, rowLabels } from './alertFormat';
import { SilenceDialog, SilenceList } from './SilenceDialog';
import { createBoardLayout, scrollTopToReveal, type BoardLayout } from './boardLayout';
// recharts is bigger than the whole first bundle: loaded after the board's rows have painted.
const VolumeChart = lazy(() => import('./VolumeChart').then((m) => ({ default: m.VolumeChart })));
import { QuarantinePanel } from './QuarantinePanel';
import { AlertSourcesPanel } from './AlertSourcesPanel';

const PAGE_SIZE = 200;
/**
 * Rows carried by the board answer: a tall screen's worth plus the overscan. Not a whole page: the
 * answer is on the path to the first row, and every alert in it costs transfer and parse.
 */
const FIRST_ROWS = 60;
/** Rows rendered beyond each edge of the viewport, so a fast wheel never shows an empty band. */
const OVERSCAN = 15;
const STATE_TABS: { id: AlertStateFilter; label: string }[] = [
  { id: 'active', label: 'Active' },
  { id: 'firing', label: 'Firing' },
  { id: 'acked', label: 'Acked' },
  { id: 'silenced', label: 'Silenced' },
  { id: 'resolved', label: 'Resolved' },
  { id: 'all', label: 'All' },
];

const GROUPINGS: string[][] = [['alertname', 'service/job', 'cluster'], ['alertname'], ['service/job'], ['cluster'], ['severity'], []];

function boardFilter(query: string, state: AlertStateFilter, sort: AlertSort, groupBy: string[] | undefined) {
  return { query, state, sort, ...(groupBy ? { groupBy } : {}) };
}

/** The board read of a filter, with its first rows (no second round trip for the top of the list). */
function boardQueryInput(filter: ReturnType<typeof boardFilter>) {
  return { ...filter, firstPage: FIRST_ROWS };
}

/**
 * Asks for the board before the app renders (the board is the first screen): the backend builds
 * it while the page renders its shell, and the board's first read takes that answer.
 */
export function prefetchAlertBoard(api: ApiClient): Promise<void> {
  const { query, state, sort, groupBy } = useAlertBoardStore.getState();
  return api.prefetch('alerts.board', boardQueryInput(boardFilter(query, state, sort, groupBy)));
}

export function AlertBoard() {
  const api = useApi();
  const navigate = useUiStore((s) => s.navigate);
  const { query, state, sort, groupBy, selected, select, setQuery, setState, setSort, setGroupBy, openSilence, silenceDraft, sourcesOpen, openSources } = useAlertBoardStore();
  const [draftQuery, setDraftQuery] = useState(query);
  const [actionError, setActionError] = useState<string>();
  const [showSilences, setShowSilences] = useState(false);
  const now = useNow(15_000);

  // Typing filters as you go, without a request per keystroke.
  useEffect(() => {
    if (draftQuery === query) return;
    const timer = setTimeout(() => setQuery(draftQuery), 120);
    return () => clearTimeout(timer);
  }, [draftQuery, query, setQuery]);

  const filter = useMemo(() => boardFilter(query, state, sort, groupBy), [query, state, sort, groupBy]);
  const board = useApiQuery('alerts.board', boardQueryInput(filter), ['alerts.changed', 'sources.changed']);
  const data = board.data;
  // What is not the list waits for the frame that painted the first rows (they come in the same
  // render as the board answer): the chart, a big chunk to load, and the locale-formatted counts,
  // as the first number formatted in a page starts up ICU (~15-35 ms in a fresh browser context).
  const [rowsPainted, setRowsPainted] = useState(false);
  useEffect(() => {
    if (!data || rowsPainted) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => setRowsPainted(true), 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [data, rowsPainted]);
  const total = data?.total ?? 0;
  const layout = useMemo(() => createBoardLayout(data?.groups ?? [], data?.total ?? 0), [data?.groups, data?.total]);

  // Pages of rows, fetched as they scroll into view; a new board generation refetches what is visible.
  const [pages, setPages] = useState<{ key: string; rows: Map<number, AlertSummary[]> }>({ key: '', rows: new Map() });
  const requested = useRef<{ key: string; pages: Set<number> }>({ key: '', pages: new Set() });
  const filterKey = JSON.stringify(filter);
  const pageKey = `${filterKey}|${data?.generation ?? -1}`;
  const fetchPage = useCallback(
    (page: number) => {
      if (!data) return;
      if (requested.current.key !== pageKey) requested.current = { key: pageKey, pages: new Set() };
      if (requested.current.pages.has(page)) return;
      requested.current.pages.add(page);
      const forKey = pageKey;
      api.call('alerts.page', { ...filter, offset: page * PAGE_SIZE, limit: PAGE_SIZE }).then(
        (result) => {
          setPages((current) => {
            const rows = current.key === forKey ? new Map(current.rows) : new Map<number, AlertSummary[]>();
            rows.set(page, result.alerts);
            return { key: forKey, rows };
          });
        },
        (error: unknown) => {
          if (requested.current.key === forKey) requested.current.pages.delete(page);
          setActionError(error instanceof Error ? error.message : String(error));
        },
      );
    },
    [api, data, filter, pageKey],
  );
  // Rows of the previous generation of the same filter stay on screen until the fresh page arrives.
  const usablePages = pages.key === pageKey || pages.key.startsWith(`${filterKey}|`) ? pages.rows : undefined;
  // The board answer carries the first rows, rendered in the same pass as the answer: no second
  // round trip and no second render before the top of the list shows.
  const firstPage = data?.firstPage;
  const alertAt = useCallback(
    (offset: number): AlertSummary | undefined => {
      const page = Math.floor(offset / PAGE_SIZE);
      if (page === 0 && firstPage && offset < firstPage.length) return firstPage[offset];
      return usablePages?.get(page)?.[offset % PAGE_SIZE];
    },
    [usablePages, firstPage],
  );

  const scrollRef = useRef<HTMLDivElement>(null);
  const firstRows = firstPage?.length ?? 0;
  const ensureRows = useCallback(
    (fromOffset: number, toOffset: number) => {
      // The top rows came with the board answer.
      const from = Math.max(fromOffset, firstRows);
      if (from > toOffset) return;
      for (let p = Math.floor(from / PAGE_SIZE); p <= Math.floor(toOffset / PAGE_SIZE); p++) fetchPage(p);
    },
    [fetchPage, firstRows],
  );
  useEffect(() => {
    if (!data || total === 0) return;
    const offset = Math.min(selected, total - 1);
    ensureRows(offset, offset);
  }, [data, total, ensureRows, selected]);

  const clampedSelected = total === 0 ? 0 : Math.min(selected, total - 1);
  const selectedAlert = alertAt(clampedSelected);

  const moveSelection = useCallback(
    (delta: number) => {
      if (total === 0) return;
      const next = Math.max(0, Math.min(total - 1, clampedSelected + delta));
      select(next);
      const list = scrollRef.current;
      if (!list) return;
      const top = scrollTopToReveal(layout, layout.indexOfOffset(next), list.scrollTop, list.clientHeight);
      if (top !== undefined) list.scrollTop = top;
    },
    [total, clampedSelected, select, layout],
  );

  const ack = useCallback(
    async (alert: AlertSummary | undefined) => {
      if (!alert) return;
      setActionError(undefined);
      try {
        if (alert.state === 'acked') await api.call('alerts.unack', { ids: [alert.id] });
        else await api.call('alerts.ack', { ids: [alert.id] });
      } catch (error) {
        setActionError(error instanceof Error ? error.message : String(error));
      }
    },
    [api],
  );

  // In the commit (not after the paint), so j/k work on the first frame that shows rows.
  useLayoutEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (event.ctrlKey || event.metaKey || event.altKey || isTypingTarget(event.target)) return;
      if (useUiStore.getState().paletteOpen || useAlertBoardStore.getState().silenceDraft || useAlertBoardStore.getState().sourcesOpen) return;
      if (event.key === 'j' || event.key === 'ArrowDown') {
        event.preventDefault();
        moveSelection(1);
      } else if (event.key === 'k' || event.key === 'ArrowUp') {
        event.preventDefault();
        moveSelection(-1);
      } else if (event.key === 'PageDown') {
        event.preventDefault();
        moveSelection(20);
      } else if (event.key === 'PageUp') {
        event.preventDefault();
        moveSelection(-20);
      } else if (event.key === 'Home') {
        moveSelection(-total);
      } else if (event.key === 'End') {
        moveSelection(total);
      } else if ((event.key === 'Enter' || event.key === 'o') && selectedAlert) {
        event.preventDefault();
        navigate('alerts', [selectedAlert.id]);
      } else if (event.key === 'a' && selectedAlert) {
        event.preventDefault();
        void ack(selectedAlert);
      } else if (event.key === 's' && selectedAlert) {
        event.preventDefault();
        openSilence({ matchers: matchersForAlert(selectedAlert), alertIds: [selectedAlert.id] });
      }
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [moveSelection, selectedAlert, navigate, ack, openSilence, total]);

  const failing = (data?.sources ?? []).filter((s) => s.pull && s.lastError);
  // Webhook deliveries that left alerts of a group out (max_alerts): those alerts are not on the board.
  const truncated = (data?.sources ?? []).flatMap((s) => s.truncatedGroups.map((g) => ({ ...g, kind: s.kind, sourceId: s.id })));
  const counts = rowsPainted ? data?.stateCounts : undefined;

  return (
    <section className="view alerts-view" aria-labelledby="alerts-title">
      <header className="view-header alerts-header">
        <h1 id="alerts-title">Alerts</h1>
        <span className="muted" aria-live="polite">
          {data && rowsPainted ? `${total.toLocaleString()} shown` : ''}
        </span>
        <div className="alerts-tabs" role="tablist" aria-label="Alert state">
          {STATE_TABS.map((tab) => {
            const n = counts ? (tab.id === 'active' ? counts.firing + counts.acked + counts.silenced : tab.id === 'all' ? counts.firing + counts.acked + counts.silenced + counts.resolved : counts[tab.id]) : undefined;
            return (
              <button key={tab.id} type="button" role="tab" aria-selected={state === tab.id} className={state === tab.id ? 'alerts-tab active' : 'alerts-tab'} onClick={() => setState(tab.id)}>
                {tab.label}
                {n !== undefined ? <span className="alerts-tab-count">{n.toLocaleString()}</span> : null}
              </button>
            );
          })}
        </div>
      </header>

      {failing.map((s) => (
        <p key={s.id} className="alerts-source-down" role="alert">
          Alertmanager {s.name} unreachable since {formatClock(s.failingSince, now)},{' '}
          {s.lastRefreshAt ? `showing data as of ${formatClock(s.lastRefreshAt, now)}` : 'never reached yet: nothing replicated from it'}
          <span className="muted"> · {s.lastError}</span>
          <button type="button" className="ghost alerts-source-down-open" onClick={openSources}>
            Sources…
          </button>
        </p>
      ))}
      {truncated.slice(0, 3).map((g) => (
        <p key={`${g.sourceId}:${g.groupKey}`} className="alerts-source-down alerts-truncated" role="status">
          {truncationNotice(g.kind, g.truncatedAlerts, g.groupKey || null)}
          <span className="muted"> · delivered {formatClock(g.at, now)}</span>
        </p>
      ))}
      {truncated.length > 3 ? <p className="alerts-source-down alerts-truncated muted">…and {truncated.length - 3} more groups with alerts left out.</p> : null}
      {board.error ? <p className="error-banner" role="alert">{board.error}</p> : null}
      {actionError ? <p className="error-banner" role="alert">{actionError}</p> : null}

      <div className="alerts-toolbar">
        <input
          className="alerts-search"
          data-view-search
          type="search"
          value={draftQuery}
          placeholder="Filter: words or labels — service=api severity=critical instance=~&quot;web.*&quot;   ( / )"
          aria-label="Filter alerts"
          onChange={(e) => setDraftQuery(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Escape' || e.key === 'Enter') (e.target as HTMLInputElement).blur();
          }}
        />
        <label className="muted">
          Sort{' '}
          <select value={sort} onChange={(e) => setSort(e.target.value as typeof sort)} aria-label="Sort alerts">
            <option value="severity">severity, newest</option>
            <option value="newest">newest</option>
            <option value="oldest">oldest</option>
            <option value="alertname">name</option>
          </select>
        </label>
        <label className="muted">
          Group{' '}
          <select
            value={groupBy ? groupBy.join(',') : 'default'}
            onChange={(e) => setGroupBy(e.target.value === 'default' ? undefined : e.target.value === '' ? [] : e.target.value.split(','))}
            aria-label="Group alerts by"
          >
            <option value="default">{data ? data.groupBy.join(', ') || 'none' : 'default'}</option>
            {GROUPINGS.filter((g) => !data || g.join(',') !== data.groupBy.join(',')).map((g) => (
              <option key={g.join(',')} value={g.join(',')}>
                {g.length ? g.join(', ') : 'no grouping'}
              </option>
            ))}
          </select>
        </label>
        <button type="button" onClick={() => setShowSilences((v) => !v)} aria-expanded={showSilences}>
          Silences
        </button>
        <button type="button" className={failing.length ? 'alerts-sources-button warn' : 'alerts-sources-button'} onClick={openSources} aria-haspopup="dialog" title="Alert sources: freshness, add or stop an Alertmanager">
          Sources{data ? ` (${data.sources.length})` : ''}
          {failing.length ? ` · ${failing.length} down` : ''}
        </button>
        <span className="alerts-keys muted">
          <kbd>j</kbd>/<kbd>k</kbd> move · <kbd>Enter</kbd> open · <kbd>a</kbd> ack · <kbd>s</kbd> silence
        </span>
      </div>
      {data?.matcherErrors.length ? <p className="alerts-hint warn">{data.matcherErrors.join('; ')}</p> : null}
      {data && data.quarantined > 0 ? <QuarantinePanel count={data.quarantined} /> : null}
      {showSilences ? <SilenceList /> : null}
      {rowsPainted ? (
        <Suspense fallback={<div className="alerts-volume alerts-volume-pending" aria-hidden="true" />}>
          <VolumeChart />
        </Suspense>
      ) : (
        <div className="alerts-volume alerts-volume-pending" aria-hidden="true" />
      )}

      <BoardRows
        scrollRef={scrollRef}
        layout={layout}
        total={total}
        alertAt={alertAt}
        selectedOffset={clampedSelected}
        now={now}
        ensureRows={ensureRows}
        onSelect={select}
        onOpen={(alert) => navigate('alerts', [alert.id])}
      >
        {data && total === 0 ? (
          <div className="alerts-empty muted">
            {query || state !== 'active'
              ? 'Nothing matches this filter.'
              : (data.sources.length === 0
                  ? 'No alerts yet. Point Alertmanager, Grafana or PagerDuty webhooks at /hooks/alertmanager, /hooks/grafana, /hooks/pagerduty or /hooks/generic, or add an Alertmanager to poll under Sources (gobag alerts connect <name> <url>).'
                  : 'No active alerts. All quiet.')}
          </div>
        ) : null}
      </BoardRows>
      {silenceDraft ? <SilenceDialog draft={silenceDraft} /> : null}
      {sourcesOpen ? <AlertSourcesPanel /> : null}
    </section>
  );
}

interface BoardRowsProps {
  scrollRef: RefObject<HTMLDivElement | null>;
  layout: BoardLayout;
  total: number;
  alertAt(offset: number): AlertSummary | undefined;
  selectedOffset: number;
  now: number;
  /** Asks for the pages holding these board offsets (no-op for pages already loaded or asked). */
  ensureRows(fromOffset: number, toOffset: number): void;
  onSelect(offset: number): void;
  onOpen(alert: AlertSummary): void;
  children?: ReactNode;
}

/**
 * The scrolling list: renders only the rows in (and just around) the viewport. Scrolling re-renders
 * this component alone, not the board's header and toolbar.
 */
function BoardRows({ scrollRef, layout, total, alertAt, selectedOffset, now, ensureRows, onSelect, onOpen, children }: BoardRowsProps) {
  // Until the list has been laid out, the window's height is a safe upper bound of its own: the
  // first rows render with the board answer without forcing a layout to measure the list first.
  const [viewport, setViewport] = useState(() => ({ top: 0, height: window.innerHeight }));
  useEffect(() => {
    const list = scrollRef.current;
    if (!list) return;
    const measure = () => setViewport((current) => (current.top === list.scrollTop && current.height === list.clientHeight ? current : { top: list.scrollTop, height: list.clientHeight }));
    // Rows for the new scroll position in the same frame, so a fast scroll never paints a blank band.
    const onScroll = () => flushSync(measure);
    list.addEventListener('scroll', onScroll, { passive: true });
    // Its first report is the list's real size, delivered after layout (no forced reflow).
    const resize = typeof ResizeObserver === 'undefined' ? undefined : new ResizeObserver(() => measure());
    resize?.observe(list);
    if (!resize) measure();
    return () => {
      list.removeEventListener('scroll', onScroll);
      resize?.disconnect();
    };
  }, [scrollRef]);

  const { from, to } = layout.range(viewport.top, viewport.height, OVERSCAN);
  useEffect(() => {
    if (to < from) return;
    const first = layout.rowAt(from);
    const last = layout.rowAt(to);
    const fromOffset = first.kind === 'alert' ? first.offset : first.group.start;
    const toOffset = last.kind === 'alert' ? last.offset : Math.max(0, last.group.start - 1);
    ensureRows(fromOffset, toOffset);
  }, [layout, from, to, ensureRows]);

  const rows: ReactNode[] = [];
  for (let index = from; index <= to; index++) {
    const row = layout.rowAt(index);
    const style = { position: 'absolute' as const, top: 0, left: 0, right: 0, height: layout.heightOf(index), transform: `translateY(${layout.topOf(index)}px)` };
    if (row.kind === 'group') {
      rows.push(<GroupHeader key={`g:${row.group.key}`} group={row.group} style={style} />);
      continue;
    }
    const offset = row.offset;
    const alert = alertAt(offset);
    const isSelected = offset === selectedOffset;
    rows.push(
      alert ? (
        <AlertRow key={alert.id} alert={alert} groupLabels={row.group?.labels} selected={isSelected} now={now} style={style} onClick={() => onSelect(offset)} onOpen={() => onOpen(alert)} />
      ) : (
        <div key={`p:${offset}`} className={`alert-row placeholder${isSelected ? ' selected' : ''}`} style={style} role="row" aria-busy="true" />
      ),
    );
  }

  return (
    <div className="alerts-list" ref={scrollRef} role="grid" aria-label="Alert board" aria-rowcount={total}>
      {children}
      <div style={{ height: layout.totalHeight, position: 'relative' }}>{rows}</div>
    </div>
  );
}

function GroupHeader({ group, style }: { group: BoardGroup; style: CSSProperties }) {
  const labels = Object.entries(group.labels);
  return (
    <div className="alert-group" style={style} role="row">
      <span className="alert-group-labels">
        {labels.length ? labels.map(([k, v]) => <span key={k} className="alert-group-label" title={k}>{k === 'alertname' ? <strong>{v}</strong> : k.includes('/') ? v : `${k}=${v}`}</span>) : <span className="muted">(no grouping labels)</span>}
      </span>
      <span className="alert-group-counts">
        {group.critical ? <span className="sev-count critical">{group.critical} critical</span> : null}
        {group.warning ? <span className="sev-count warning">{group.warning} warning</span> : null}
        {group.info ? <span className="sev-count info">{group.info} info</span> : null}
        <span className="muted">{group.count} total</span>
      </span>
    </div>
  );
}

function AlertRow(props: { alert: AlertSummary; groupLabels: Record<string, string> | undefined; selected: boolean; now: number; style: CSSProperties; onClick(): void; onOpen(): void }) {
  const { alert, selected, now, style } = props;
  const labelText = rowLabels(alert, props.groupLabels).join('  ');
  const ref = useRef<HTMLDivElement>(null);
  return (
    <div
      ref={ref}
      className={`alert-row state-${alert.state}${selected ? ' selected' : ''}`}
      style={style}
      role="row"
      aria-selected={selected}
      data-alert-id={alert.id}
      onClick={props.onClick}
      onDoubleClick={props.onOpen}
    >
      <span className={`sev-badge ${alert.severity}`} title={`severity ${alert.severityRaw ?? alert.severity}`}>
        {alert.severity}
      </span>
      <span className={`state-badge ${alert.state}`}>{alert.state}</span>
      <a
        className="alert-name"
        title={alert.alertname}
        href={`#/alerts/${encodeURIComponent(alert.id)}`}
        onClick={(e) => {
          e.preventDefault();
          props.onOpen();
        }}
      >
        {alert.alertname}
      </a>
      <span className="alert-summary" title={alert.summary}>
        {alert.summary}
      </span>
      {/* Flags sit in the labels cell: a column of their own was sized per row (auto), so an
          acked row's name and summary started further left than the rows around it. They come
          before the labels, which are cut off at the cell's end (at 1024 px the flags were). */}
      <span className="alert-labels muted" title={Object.entries(alert.labels).map(([k, v]) => `${k}=${v}`).join('\n')}>
        {alert.flapping ? <span className="flag flapping" title={`${alert.transitions} state changes`}>flapping</span> : null}
        {alert.ackedBy && alert.state === 'acked' ? <span className="flag acked">ack {alert.ackedBy}</span> : null}
        {labelText}
      </span>
      <span className="alert-source muted">{alert.sourceKind === 'alertmanager' || alert.sourceName === 'webhook' ? alert.sourceKind : alert.sourceName}</span>
      <span className="alert-since" title={alert.startsAt ?? ''}>
        {alert.state === 'resolved' ? `resolved ${formatClock(alert.endsAt, now)}` : formatSince(alert.startsAt, now)}
      </span>
    </div>
  );
}
