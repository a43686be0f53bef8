import { useApiQuery } from '../../components/useApiQuery';
import { formatAgo, formatTime } from '../../components/format';
import { useNow } from '../../components/useNow';
import { ReadinessPanel } from './ReadinessPanel';

/** Where the data lives and how fresh each replica source is: the first thing to check at 3 a.m. */
export function StatusView(_props: { params: string[] }) {
  const status = useApiQuery('system.status', {}, ['sources.changed']);
  const settings = useApiQuery('settings.get', {}, ['settings.changed']);
  const now = useNow();
  const data = status.data;
  return (
    <section className="view" aria-labelledby="status-title">
      <header className="view-header">
        <h1 id="status-title">Status</h1>
        {data ? <span className="muted">Gobag {data.appVersion}</span> : null}
      </header>
      {status.error ? <p className="error-banner" role="alert">{status.error}</p> : null}
      {data ? (
        <div className="status-grid">
          <ReadinessPanel />
          <div className="card">
            <h2>Local database</h2>
            <dl className="facts">
              <dt>File</dt>
              <dd className="mono">{data.databasePath}</dd>
              <dt>Schema version</dt>
              <dd>{data.schemaVersion}</dd>
              <dt>Integrity check</dt>
              <dd className={data.integrity && !data.integrity.ok ? 'warn' : undefined}>
                {data.integrity
                  ? `${data.integrity.ok ? 'ok' : `FAILED: ${data.integrity.detail} — restore a backup`} (${formatAgo(data.integrity.checkedAt, now)})`
                  : 'not run yet (a minute after start, then daily)'}
              </dd>
              <dt>You are</dt>
              <dd>{settings.data?.userName ?? '…'}</dd>
            </dl>
          </div>
          <div className="card">
            <h2>Sources</h2>
            {data.sources.length === 0 ? (
              <p className="muted">No sources yet. Each feed or import you add is listed here with the age of its copy.</p>
            ) : (
              <table className="table" aria-label="Sources">
                <thead>
                  <tr>
                    <th>Source</th>
                    <th className="num">Items</th>
                    <th>Last refresh</th>
                    <th>Last error</th>
                  </tr>
                </thead>
                <tbody>
                  {data.sources.map((s) => (
                    <tr key={s.id} className={s.lastError ? 'row-warn' : undefined}>
                      <td>
                        {s.kind} / {s.name}
                      </td>
                      <td className="num">{s.itemCount}</td>
                      <td title={formatTime(s.lastRefreshAt)}>{formatAgo(s.lastRefreshAt, now)}</td>
                      <td>{s.lastError ? `${s.lastError} (${formatAgo(s.lastErrorAt, now)})` : '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </div>
          <div className="card">
            <h2>Rows per table</h2>
            <table className="table" aria-label="Rows per table">
              <tbody>
                {data.tables.map((t) => (
                  <tr key={t.name}>
                    <td className="mono">{t.name}</td>
                    <td className="num">{t.rows < 0 ? 'unreadable' : t.rows}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      ) : null}
    </section>
  );
}
