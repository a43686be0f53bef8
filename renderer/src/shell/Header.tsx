import { useEffect, useState } from 'react';
import { useApi } from '../api';
import { useApiQuery } from '../components/useApiQuery';
import { formatAgo } from '../components/format';
import { useNow } from '../components/useNow';
import { useUiStore } from '../state/uiStore';
import { headerSlots } from './headerSlots';

/** Always visible: the last production change (slot filled by the changes module) and how fresh the replica is. */
export function Header() {
  const api = useApi();
  const navigate = useUiStore((s) => s.navigate);
  const toggleTheme = useUiStore((s) => s.toggleTheme);
  const theme = useUiStore((s) => s.theme);
  const setPaletteOpen = useUiStore((s) => s.setPaletteOpen);
  const sources = useApiQuery('sources.list', {}, ['sources.changed']);
  const settings = useApiQuery('settings.get', {}, ['settings.changed']);
  const now = useNow();
  const [connected, setConnected] = useState(true);
  useEffect(() => api.onConnectionChange(setConnected), [api]);

  const list = sources.data ?? [];
  const staleMs = (settings.data?.staleAfterHours ?? 24) * 3_600_000;
  const failing = list.filter((s) => s.lastError);
  const stale = list.filter((s) => !s.lastRefreshAt || now - Date.parse(s.lastRefreshAt) > staleMs);
  const oldest = list.reduce<string | null>((min, s) => (s.lastRefreshAt && (!min || s.lastRefreshAt < min) ? s.lastRefreshAt : min), null);
  const freshnessClass = failing.length || stale.length ? 'pill warn' : list.length ? 'pill ok' : 'pill';
  const freshnessText =
    list.length === 0
      ? 'No sources yet'
      : failing.length
        ? `${failing.length} source${failing.length > 1 ? 's' : ''} failing · oldest copy ${formatAgo(oldest, now)}`
        : stale.length
          ? `${stale.length} stale · oldest copy ${formatAgo(oldest, now)}`
          : `${list.length} sources fresh · oldest ${formatAgo(oldest, now)}`;

  return (
    <header className="app-header">
      <div className="brand" aria-label="Gobag">
        <img src="./icon.svg" alt="" width={22} height={22} />
        <span>Gobag</span>
      </div>
      <div className="header-slots">
        {headerSlots.map((Slot, i) => (
          <Slot key={i} />
        ))}
      </div>
      <div className="header-right">
        {!connected ? (
          <span className="pill danger" role="status">
            Host disconnected, reconnecting…
          </span>
        ) : null}
        <button type="button" className={freshnessClass} onClick={() => navigate('status')} title="Freshness of every local replica source">
          {freshnessText}
        </button>
        <button type="button" className="ghost" onClick={() => setPaletteOpen(true)} title="Command palette (Ctrl/⌘ K)">
          <kbd>Ctrl K</kbd>
        </button>
        <button type="button" className="ghost" onClick={toggleTheme} aria-label={`Switch to ${theme === 'dark' ? 'light' : 'dark'} theme`}>
          {theme === 'dark' ? '☀' : '☾'}
        </button>
      </div>
    </header>
  );
}
