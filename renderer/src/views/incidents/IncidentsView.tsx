import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { ApiCallError, useApi } from '../../api';
import { EmptyState } from '../../components/EmptyState';
import { formatAgo } from '../../components/format';
import { useApiQuery } from '../../components/useApiQuery';
import { useNow } from '../../components/useNow';
import { useUiStore } from '../../state/uiStore';
import { IncidentConsole } from './IncidentConsole';
import { PostmortemView } from './PostmortemView';
// The review's charts (recharts) load when the review is opened.
const ReviewView = lazy(() => import('./ReviewView').then((m) => ({ default: m.ReviewView })));
import { useViewKeys } from './incidentUi';

/**
 * Routes: `#/incidents` (list), `#/incidents/new[/title]` (declare), `#/incidents/review`,
 * `#/incidents/<id>` (console), `#/incidents/<id>/postmortem`.
 */
export function IncidentsView({ params }: { params: string[] }) {
  const [first, second] = params;
  if (first === 'review') {
    return (
      <Suspense fallback={null}>
        <ReviewView />
      </Suspense>
    );
  }
  if (first && first !== 'new') return second === 'postmortem' ? <PostmortemView incidentId={first} /> : <IncidentConsole incidentId={first} />;
  return <IncidentList declaring={first === 'new'} initialTitle={second ?? ''} />;
}

function IncidentList({ declaring, initialTitle }: { declaring: boolean; initialTitle: string }) {
  const navigate = useUiStore((s) => s.navigate);
  const [state, setState] = useState<'open' | 'all'>('open');
  const list = useApiQuery('incidents.list', { state }, ['incidents.changed']);
  const now = useNow();
  const [active, setActive] = useState(0);
  const incidents = list.data ?? [];

  useViewKeys((event) => {
    if (declaring) return;
    if (event.key === 'n') {
      event.preventDefault();
      navigate('incidents', ['new']);
    } else if (event.key === 'j' || event.key === 'ArrowDown') {
      event.preventDefault();
      setActive((i) => Math.min(incidents.length - 1, i + 1));
    } else if (event.key === 'k' || event.key === 'ArrowUp') {
      event.preventDefault();
      setActive((i) => Math.max(0, i - 1));
    } else if (event.key === 'Enter' && incidents[active]) {
      event.preventDefault();
      navigate('incidents', [incidents[active].id]);
    } else if (event.key === 'v') {
      navigate('incidents', ['review']);
    }
  });

  return (
    <section className="view" aria-labelledby="incidents-title">
      <header className="view-header">
        <h1 id="incidents-title">Incidents</h1>
        <div className="incidents-toolbar">
          <button type="button" className="primary" onClick={() => navigate('incidents', ['new'])}>
            Declare incident <kbd>n</kbd>
          </button>
          <button type="button" onClick={() => navigate('incidents', ['review'])}>
            Daily review <kbd>v</kbd>
          </button>
          <label>
            Show{' '}
            <select value={state} onChange={(e) => setState(e.target.value as 'open' | 'all')} aria-label="Which incidents">
              <option value="open">Open</option>
              <option value="all">All</option>
            </select>
          </label>
        </div>
      </header>
      {declaring ? <DeclareForm initialTitle={initialTitle} onCancel={() => navigate('incidents')} /> : null}
      {list.error ? <p className="error-banner" role="alert">{list.error}</p> : null}
      {list.data && incidents.length === 0 ? (
        <EmptyState title={state === 'open' ? 'No open incidents' : 'No incidents'}>
          <p>
            Press <kbd>n</kbd> to declare one, or declare from an alert’s detail or the command palette (<kbd>Ctrl K</kbd> “declare”).
          </p>
        </EmptyState>
      ) : null}
      {incidents.length ? (
        <table className="table incidents-table" aria-label="Incidents">
          <thead>
            <tr>
              <th>Ref</th>
              <th>Sev</th>
              <th>Status</th>
              <th>Title</th>
              <th>Commander</th>
              <th>Captain</th>
              <th className="num">Tasks</th>
              <th>Declared</th>
            </tr>
          </thead>
          <tbody>
            {incidents.map((i, index) => (
              <tr
                key={i.id}
                className={index === active ? 'incidents-row active' : 'incidents-row'}
                onClick={() => navigate('incidents', [i.id])}
                aria-selected={index === active}
              >
                <td className="mono">{i.ref}</td>
                <td>
                  <span className={`incidents-sev sev${i.severity}`}>Sev{i.severity}</span>
                </td>
                <td>
                  <span className={`incidents-status status-${i.status}`}>{i.status}</span>
                </td>
                <td>
                  <a href={`#/incidents/${i.id}`}>{i.title}</a>
                </td>
                <td>{i.commander ?? <span className="muted">—</span>}</td>
                <td>{i.captain ?? <span className="muted">—</span>}</td>
                <td className="num">
                  {i.openTasks}
                  {i.overdueTasks ? <span className="incidents-overdue"> ({i.overdueTasks} overdue)</span> : null}
                </td>
                <td>{formatAgo(i.createdAt, now)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}

/** Declare in seconds: title, severity, optional service; everything else can follow in the console. */
function DeclareForm({ initialTitle, onCancel }: { initialTitle: string; onCancel(): void }) {
  const api = useApi();
  const navigate = useUiStore((s) => s.navigate);
  const [title, setTitle] = useState(initialTitle);
  const [severity, setSeverity] = useState<1 | 2 | 3>(2);
  const [service, setService] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const titleRef = useRef<HTMLInputElement>(null);
  useEffect(() => titleRef.current?.focus(), []);

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    try {
      const incident = await api.call('incidents.declare', { title, severity, service: service.trim() || undefined });
      navigate('incidents', [incident.id]);
    } catch (err) {
      setError(err instanceof ApiCallError ? err.message : String(err));
      setBusy(false);
    }
  }

  return (
    <form className="card incidents-declare" onSubmit={submit} aria-label="Declare incident" onKeyDown={(e) => e.key === 'Escape' && onCancel()}>
      <h2>Declare incident</h2>
      <div className="incidents-form-row">
        <label className="grow">
          Title
          <input ref={titleRef} value={title} onChange={(e) => setTitle(e.target.value)} placeholder="What customers see, e.g. “Checkout returns 502”" required />
        </label>
        <label>
          Severity
          <select value={severity} onChange={(e) => setSeverity(Number(e.target.value) as 1 | 2 | 3)} aria-label="Severity">
            <option value={1}>Sev1 — outage for many customers</option>
            <option value={2}>Sev2 — degradation / broken feature</option>
            <option value={3}>Sev3 — minimal impact</option>
          </select>
        </label>
        <label>
          Service
          <input value={service} onChange={(e) => setService(e.target.value)} placeholder="checkout" />
        </label>
      </div>
      {error ? <p className="error-banner" role="alert">{error}</p> : null}
      <div className="incidents-form-actions">
        <button type="submit" className="primary" disabled={busy}>
          Declare <kbd>Enter</kbd>
        </button>
        <button type="button" onClick={onCancel}>
          Cancel <kbd>Esc</kbd>
        </button>
      </div>
    </form>
  );
}
