import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useApiQuery } from '../../components/useApiQuery';
import { useNow } from '../../components/useNow';
import { formatAgo } from '../../components/format';
import { useUiStore } from '../../state/uiStore';
import type { IncidentSummary } from '../../../../shared/api/incidents';
import { CATEGORIES, CATEGORY_LABELS } from '../../../../shared/domain/incidentVocabulary';
import { formatDuration } from '../../../../shared/domain/incidents';
import { useViewKeys } from './incidentUi';

const CATEGORY_COLOURS: Record<string, string> = {
  change: '#f5a524',
  capacity: '#58a6ff',
  hardware: '#a371f7',
  software_bug: '#f85149',
  dependency: '#3fb950',
  other: '#8b96a5',
  uncategorised: '#56606c',
};

function weekLabel(iso: string): string {
  return new Date(iso).toLocaleDateString(undefined, { month: 'short', day: 'numeric', timeZone: 'UTC' });
}

function IncidentRows({ incidents, now, empty }: { incidents: IncidentSummary[]; now: number; empty: string }) {
  if (incidents.length === 0) return <p className="muted">{empty}</p>;
  return (
    <ul className="incidents-review-list">
      {incidents.map((i) => (
        <li key={i.id}>
          <span className={`incidents-sev sev${i.severity}`}>Sev{i.severity}</span> <a href={`#/incidents/${i.id}`}>{i.title}</a>{' '}
          <span className="muted">
            {i.ref} · {i.status} · declared {formatAgo(i.createdAt, now)}
          </span>
        </li>
      ))}
    </ul>
  );
}

/** The daily operations review: what happened in 24 h, what is still open or overdue, and the trends. */
export function ReviewView() {
  const review = useApiQuery('incidents.review', { weeks: 12 }, ['incidents.changed']);
  const navigate = useUiStore((s) => s.navigate);
  const now = useNow();
  useViewKeys((event) => {
    if (event.key === 'Escape') navigate('incidents');
  });
  const data = review.data;
  const weeks = (data?.weeks ?? []).map((w) => ({ ...w, label: weekLabel(w.weekStart), ...Object.fromEntries(Object.entries(w.byCategory).map(([k, v]) => [`cat_${k}`, v])) }));
  const categoriesSeen = [...CATEGORIES, 'uncategorised'].filter((c) => weeks.some((w) => (w.byCategory[c] ?? 0) > 0));
  const pagesKnown = weeks.some((w) => w.pages !== null);

  return (
    <section className="view incidents-review" aria-labelledby="review-title">
      <header className="view-header">
        <a href="#/incidents" className="muted">
          Incidents
        </a>
        <h1 id="review-title">Daily operations review</h1>
        {data ? <span className="muted">as of {new Date(data.generatedAt).toLocaleString(undefined, { hour12: false })}</span> : null}
      </header>
      {review.error ? <p className="error-banner" role="alert">{review.error}</p> : null}
      {data ? (
        <>
          <div className="incidents-review-figures">
            <div className="card">
              <div className="incidents-figure">{data.last24h.length}</div>
              <div className="muted">incidents in the last 24 h</div>
            </div>
            <div className="card">
              <div className="incidents-figure">{data.alertVolume24h ?? '—'}</div>
              <div className="muted">{data.alertVolume24h === null ? 'alert volume (alert feed not available)' : 'alerts fired in the last 24 h'}</div>
            </div>
            <div className="card">
              <div className="incidents-figure">{data.open.length}</div>
              <div className="muted">open incidents</div>
            </div>
            <div className={`card ${data.overdueRemediations.length ? 'incidents-alarm' : ''}`}>
              <div className="incidents-figure">{data.overdueRemediations.length}</div>
              <div className="muted">overdue remediations</div>
            </div>
            <div className={`card ${data.overdueTasks.length ? 'incidents-alarm' : ''}`}>
              <div className="incidents-figure">{data.overdueTasks.length}</div>
              <div className="muted">overdue incident tasks</div>
            </div>
          </div>
          <div className="status-grid">
            <div className="card">
              <h2>Last 24 hours</h2>
              <IncidentRows incidents={data.last24h} now={now} empty="No incidents declared in the last 24 hours." />
            </div>
            <div className="card">
              <h2>Open incidents and problems</h2>
              <IncidentRows incidents={data.open} now={now} empty="Nothing open." />
            </div>
            <div className="card">
              <h2>Overdue remediations</h2>
              {data.overdueRemediations.length === 0 ? <p className="muted">None overdue.</p> : null}
              <ul className="incidents-review-list">
                {data.overdueRemediations.map((r) => (
                  <li key={r.id}>
                    <strong>{r.priority}</strong> {r.title} — {r.owner ?? 'no owner'}, due {r.dueAt ? new Date(r.dueAt).toLocaleDateString() : '—'}{' '}
                    <a href={`#/incidents/${r.incidentId}/postmortem`}>{r.incidentRef}</a>
                  </li>
                ))}
              </ul>
            </div>
            <div className="card">
              <h2>Overdue tasks</h2>
              {data.overdueTasks.length === 0 ? <p className="muted">None overdue.</p> : null}
              <ul className="incidents-review-list">
                {data.overdueTasks.map((t) => (
                  <li key={t.id}>
                    {t.title} — {t.owner ?? 'no owner'}, overdue {t.dueAt ? formatDuration(now - Date.parse(t.dueAt)) : ''} <a href={`#/incidents/${t.incidentId}`}>{t.incidentRef}</a>
                  </li>
                ))}
              </ul>
            </div>
          </div>
          <div className="incidents-charts">
            <div className="card">
              <h2>Incidents per week by severity</h2>
              <ResponsiveContainer width="100%" height={220}>
                <BarChart data={weeks}>
                  <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" />
                  <XAxis dataKey="label" stroke="var(--text-muted)" fontSize={11} />
                  <YAxis allowDecimals={false} stroke="var(--text-muted)" fontSize={11} />
                  <Tooltip contentStyle={{ background: 'var(--bg-raised)', border: '1px solid var(--border)' }} />
                  <Legend />
                  <Bar dataKey="sev1" name="Sev1" stackId="s" fill="#f85149" isAnimationActive={false} />
                  <Bar dataKey="sev2" name="Sev2" stackId="s" fill="#d29922" isAnimationActive={false} />
                  <Bar dataKey="sev3" name="Sev3" stackId="s" fill="#58a6ff" isAnimationActive={false} />
                </BarChart>
              </ResponsiveContainer>
            </div>
            <div className="card">
              <h2>Incidents per week by category</h2>
              <ResponsiveContainer width="100%" height={220}>
                <BarChart data={weeks}>
                  <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" />
                  <XAxis dataKey="label" stroke="var(--text-muted)" fontSize={11} />
                  <YAxis allowDecimals={false} stroke="var(--text-muted)" fontSize={11} />
                  <Tooltip contentStyle={{ background: 'var(--bg-raised)', border: '1px solid var(--border)' }} />
                  <Legend />
                  {categoriesSeen.map((c) => (
                    <Bar key={c} dataKey={`cat_${c}`} name={c === 'uncategorised' ? 'Not categorised' : CATEGORY_LABELS[c as (typeof CATEGORIES)[number]]} stackId="c" fill={CATEGORY_COLOURS[c]} isAnimationActive={false} />
                  ))}
                </BarChart>
              </ResponsiveContainer>
            </div>
            <div className="card">
              <h2>MTTA and MTTR per week (minutes)</h2>
              <ResponsiveContainer width="100%" height={220}>
                <LineChart data={weeks}>
                  <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" />
                  <XAxis dataKey="label" stroke="var(--text-muted)" fontSize={11} />
                  <YAxis stroke="var(--text-muted)" fontSize={11} />
                  <Tooltip contentStyle={{ background: 'var(--bg-raised)', border: '1px solid var(--border)' }} />
                  <Legend />
                  <Line type="monotone" dataKey="mttaMinutes" name="MTTA" stroke="#f5a524" connectNulls dot isAnimationActive={false} />
                  <Line type="monotone" dataKey="mttrMinutes" name="MTTR" stroke="#58a6ff" connectNulls dot isAnimationActive={false} />
                </LineChart>
              </ResponsiveContainer>
            </div>
            <div className="card">
              <h2>Pages per week (pager load)</h2>
              {pagesKnown ? (
                <ResponsiveContainer width="100%" height={220}>
                  <BarChart data={weeks}>
                    <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" />
                    <XAxis dataKey="label" stroke="var(--text-muted)" fontSize={11} />
                    <YAxis allowDecimals={false} stroke="var(--text-muted)" fontSize={11} />
                    <Tooltip contentStyle={{ background: 'var(--bg-raised)', border: '1px solid var(--border)' }} />
                    <Bar dataKey="pages" name="Alerts fired" fill="#a371f7" isAnimationActive={false} />
                  </BarChart>
                </ResponsiveContainer>
              ) : (
                <p className="muted">The alert feed is not available, so pager load cannot be shown.</p>
              )}
            </div>
          </div>
        </>
      ) : null}
    </section>
  );
}
