import { useEffect, useRef, useState } from 'react';
import { parseMatcherQuery, formatMatcher } from '../../../../shared/domain/alertMatchers';
import { useApi } from '../../api';
import { useApiQuery } from '../../components/useApiQuery';
import { useAlertBoardStore, type SilenceDraft } from './alertBoardStore';
import { formatClock } from './alertFormat';

const DURATIONS = [
  { minutes: 30, label: '30 min' },
  { minutes: 60, label: '1 h' },
  { minutes: 120, label: '2 h' },
  { minutes: 240, label: '4 h' },
  { minutes: 480, label: '8 h' },
  { minutes: 1440, label: '1 day' },
  { minutes: 10080, label: '1 week' },
];

/** Silence by label matchers: prefilled with the alert's labels, comment first, Enter to confirm. */
export function SilenceDialog({ draft }: { draft: SilenceDraft }) {
  const api = useApi();
  const close = useAlertBoardStore((s) => s.closeSilence);
  const [matchers, setMatchers] = useState(draft.matchers);
  const [minutes, setMinutes] = useState(60);
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const commentRef = useRef<HTMLInputElement>(null);
  useEffect(() => commentRef.current?.focus(), []);

  const parsed = parseMatcherQuery(matchers);
  const preview = useApiQuery('alerts.list', { query: matchers, state: 'active', limit: 1 }, ['alerts.changed']);
  const problem =
    parsed.errors[0] ?? (parsed.words.length ? `Not a matcher: ${parsed.words.join(' ')}` : parsed.matchers.length === 0 ? 'At least one matcher is needed' : undefined);

  async function submit() {
    if (problem) return setError(problem);
    if (!comment.trim()) {
      setError('Say why (the comment is shared with whoever looks at this silence).');
      commentRef.current?.focus();
      return;
    }
    setBusy(true);
    try {
      await api.call('alerts.silences.create', { matchers: parsed.matchers, durationMinutes: minutes, comment: comment.trim() });
      close();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      setBusy(false);
    }
  }

  return (
    <div className="overlay" role="presentation" onMouseDown={(e) => e.target === e.currentTarget && close()}>
      <form
        className="alerts-dialog"
        role="dialog"
        aria-modal="true"
        aria-label="Silence alerts"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.stopPropagation();
            close();
          }
        }}
      >
        <h2>Silence alerts</h2>
        <label>
          Comment <span className="muted">(why, and what you are doing about it)</span>
          <input ref={commentRef} value={comment} onChange={(e) => setComment(e.target.value)} aria-label="Silence comment" placeholder="e.g. disk cleanup running, ticket OPS-123" />
        </label>
        <label>
          Duration
          <select value={minutes} onChange={(e) => setMinutes(Number(e.target.value))} aria-label="Silence duration">
            {DURATIONS.map((d) => (
              <option key={d.minutes} value={d.minutes}>
                {d.label}
              </option>
            ))}
          </select>
          <span className="muted"> until {formatClock(new Date(Date.now() + minutes * 60_000).toISOString())}</span>
        </label>
        <label>
          Matchers <span className="muted">(=, !=, =~, !~ like Alertmanager)</span>
          <textarea value={matchers} onChange={(e) => setMatchers(e.target.value)} rows={3} aria-label="Silence matchers" className="mono" />
        </label>
        <p className="muted">
          {problem ? problem : `${parsed.matchers.map(formatMatcher).join(', ')} — matches ${preview.data?.total ?? '…'} active alert(s) now.`}
        </p>
        {error ? <p className="error-banner" role="alert">{error}</p> : null}
        <div className="alerts-dialog-actions">
          <button type="button" onClick={close}>
            Cancel <kbd>Esc</kbd>
          </button>
          <button type="submit" className="primary" disabled={busy}>
            Silence <kbd>Enter</kbd>
          </button>
        </div>
      </form>
    </div>
  );
}

/** Active silences (local and from Alertmanagers), with delivery state and an end-now button. */
export function SilenceList() {
  const api = useApi();
  const silences = useApiQuery('alerts.silences.list', { includeExpired: false }, ['alerts.changed']);
  const [error, setError] = useState<string>();
  const list = silences.data ?? [];
  return (
    <div className="card alerts-silences" aria-label="Silences">
      <h2>Silences ({list.length})</h2>
      {error ? <p className="error-banner">{error}</p> : null}
      {list.length === 0 ? <p className="muted">No active silences.</p> : null}
      <ul>
        {list.map((s) => (
          <li key={s.id}>
            <span className="mono">{s.matchers.map(formatMatcher).join(', ')}</span>
            <span className="muted">
              {' '}
              {s.status} until {formatClock(s.endsAt)} · {s.createdBy}: {s.comment} · {s.origin === 'local' ? `${s.matchingAlerts} firing` : `from Alertmanager ${s.sourceName ?? ''}`}
            </span>
            {s.push.map((p) => (
              <span key={p.sourceName} className={`flag ${p.state === 'sent' ? 'acked' : 'flapping'}`} title={p.lastError ?? ''}>
                {p.sourceName}: {p.state === 'pending' ? 'queued (offline)' : p.state}
              </span>
            ))}
            {s.origin === 'local' && s.status !== 'expired' ? (
              <button
                type="button"
                className="ghost"
                onClick={() => api.call('alerts.silences.expire', { id: s.id }).catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)))}
              >
                End now
              </button>
            ) : null}
          </li>
        ))}
      </ul>
    </div>
  );
}
