import { useEffect, useMemo, useState } from 'react';
import { useApi } from '../../api';
import { useApiQuery } from '../../components/useApiQuery';
import { formatAgo, formatTime } from '../../components/format';
import { useNow } from '../../components/useNow';
import { assessReadiness, type ReadinessLevel } from '../../../../shared/domain/readiness';

const LEVEL_TEXT: Record<ReadinessLevel, string> = { ok: 'OK', stale: 'STALE', empty: 'EMPTY', error: 'FAILING', missing: 'MISSING' };

/** Is the go-bag packed? Every replica's age, count and last error against the stale threshold, plus a checklist. */
export function ReadinessPanel() {
  const api = useApi();
  const now = useNow(30_000);
  const sources = useApiQuery('sources.list', {}, ['sources.changed', 'schedules.changed', 'contacts.changed']);
  const settings = useApiQuery('settings.get', {}, ['settings.changed']);
  const checklist = useApiQuery('checklist.list', {}, ['checklist.changed']);
  const [newItem, setNewItem] = useState('');
  const [editingId, setEditingId] = useState<string | null>(null);
  const [editText, setEditText] = useState('');
  const [ticked, setTicked] = useState<Record<string, boolean>>({});
  const staleAfterHours = settings.data?.staleAfterHours ?? 24;
  const readiness = assessReadiness(sources.data ?? [], now, staleAfterHours);
  const problems = readiness.domains.filter((d) => d.level !== 'ok').length;
  const items = useMemo(() => checklist.data ?? [], [checklist.data]);
  useEffect(() => {
    // Drop optimistic ticks once the stored list agrees with them.
    setTicked((t) => {
      const left = Object.fromEntries(Object.entries(t).filter(([id, done]) => items.find((i) => i.id === id)?.done !== done));
      return Object.keys(left).length === Object.keys(t).length ? t : left;
    });
  }, [items]);
  const done = items.filter((i) => i.done).length;

  return (
    <div className="card readiness-panel" aria-label="Readiness">
      <h2>
        Readiness{' '}
        <span className={problems ? 'readiness-badge warn' : 'readiness-badge ok'}>
          {problems ? `${problems} of ${readiness.domains.length} need attention` : 'all replicas fresh'}
        </span>
      </h2>
      <p className="muted">Warns when a copy is older than {staleAfterHours} h (setting staleAfterHours) or empty.</p>
      <table className="table" aria-label="Replica readiness">
        <thead>
          <tr>
            <th>Data</th>
            <th>State</th>
            <th className="num">Items</th>
            <th>Last good copy</th>
            <th>Last error</th>
          </tr>
        </thead>
        <tbody>
          {readiness.domains.flatMap((d) =>
            d.sources.length === 0
              ? [
                  <tr key={d.domain} className="row-warn" data-level={d.level}>
                    <td>{d.label}</td>
                    <td className="readiness-level">{LEVEL_TEXT[d.level]}</td>
                    <td className="num">0</td>
                    <td>never</td>
                    <td>{d.warning}</td>
                  </tr>,
                ]
              : d.sources.map((s) => (
                  <tr key={s.id} className={s.level === 'ok' && !s.warning ? undefined : 'row-warn'} data-level={s.level}>
                    <td>
                      {d.label} <span className="muted">/ {s.name}</span>
                    </td>
                    <td className="readiness-level" title={s.warning ?? undefined}>
                      {LEVEL_TEXT[s.level]}
                      {s.warning && s.level !== 'ok' ? <div className="muted readiness-why">{s.warning}</div> : null}
                    </td>
                    <td className="num">{s.itemCount}</td>
                    <td title={formatTime(s.lastRefreshAt)}>{formatAgo(s.lastRefreshAt, now)}</td>
                    <td>{s.lastError ? `${s.lastError} (${formatAgo(s.lastErrorAt, now)})` : '—'}</td>
                  </tr>
                )),
          )}
          {readiness.other.map((s) => (
            <tr key={s.id} className={s.level === 'ok' ? undefined : 'row-warn'} data-level={s.level}>
              <td>
                {s.kind} <span className="muted">/ {s.name}</span>
              </td>
              <td className="readiness-level">{LEVEL_TEXT[s.level]}</td>
              <td className="num">{s.itemCount}</td>
              <td>{formatAgo(s.lastRefreshAt, now)}</td>
              <td>{s.lastError ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <h3>
        Checklist <span className="muted">({done}/{items.length} done)</span>
      </h3>
      <ul className="readiness-checklist" aria-label="Readiness checklist">
        {items.map((item) => (
          <li key={item.id}>
            <label>
              <input
                type="checkbox"
                checked={ticked[item.id] ?? item.done}
                onChange={(e) => {
                  // Show the tick at once; the stored value comes back with the next read.
                  const done = e.target.checked;
                  setTicked((t) => ({ ...t, [item.id]: done }));
                  void api.call('checklist.update', { id: item.id, done }).then(checklist.reload, () => setTicked(({ [item.id]: _, ...rest }) => rest));
                }}
              />
              {editingId === item.id ? null : <span className={item.done ? 'readiness-done' : undefined}>{item.label}</span>}
            </label>
            {editingId === item.id ? (
              <form
                onSubmit={(e) => {
                  e.preventDefault();
                  void api.call('checklist.update', { id: item.id, label: editText }).then(() => setEditingId(null));
                }}
              >
                <input autoFocus value={editText} onChange={(e) => setEditText(e.target.value)} aria-label="Checklist item text" onKeyDown={(e) => e.key === 'Escape' && setEditingId(null)} />
              </form>
            ) : (
              <button
                type="button"
                className="ghost"
                onClick={() => {
                  setEditingId(item.id);
                  setEditText(item.label);
                }}
                aria-label={`Rename ${item.label}`}
              >
                Rename
              </button>
            )}
            <button type="button" className="ghost" onClick={() => void api.call('checklist.remove', { id: item.id })} aria-label={`Remove ${item.label}`}>
              ×
            </button>
          </li>
        ))}
      </ul>
      <form
        className="readiness-add"
        onSubmit={(e) => {
          e.preventDefault();
          if (!newItem.trim()) return;
          void api.call('checklist.add', { label: newItem }).then(() => setNewItem(''));
        }}
      >
        <input placeholder="Add an item (e.g. YubiKey, bridge PIN)" value={newItem} onChange={(e) => setNewItem(e.target.value)} aria-label="New checklist item" />
        <button type="submit">Add</button>
      </form>
    </div>
  );
}
