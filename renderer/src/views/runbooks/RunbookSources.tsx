import { useState } from 'react';
import { useApi } from '../../api';
import { useApiQuery } from '../../components/useApiQuery';
import { formatAgo } from '../../components/format';
import { useNow } from '../../components/useNow';
import type { RunbookImportReport } from '../../../../shared/api/runbooks';

function summarise(report: RunbookImportReport): string {
  return (
    `${report.sourceName}: ${report.runbookCount} runbooks (${report.added} added, ${report.updated} updated, ${report.removed} removed)` +
    (report.skipped.length ? `, ${report.skipped.length} files skipped` : '') +
    (report.warnings.length ? `, ${report.warnings.length} warnings` : '')
  );
}

/** Imported folders with their freshness, a refresh button each, and the import form. */
export function RunbookSources({ startOpen }: { startOpen: boolean }) {
  const api = useApi();
  const now = useNow();
  const sources = useApiQuery('runbooks.sources', {}, ['runbooks.changed', 'sources.changed']);
  const [dir, setDir] = useState('');
  const [name, setName] = useState('');
  const [urlPrefix, setUrlPrefix] = useState('');
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string }>();
  const [busy, setBusy] = useState(false);
  // Open while nothing is imported; after that, wherever the person left it (an import must not hide its own report).
  const [open, setOpen] = useState<boolean>();

  async function run(action: () => Promise<RunbookImportReport>) {
    setBusy(true);
    setMessage(undefined);
    try {
      setMessage({ kind: 'ok', text: summarise(await action()) });
      sources.reload();
    } catch (error) {
      setMessage({ kind: 'error', text: error instanceof Error ? error.message : String(error) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <details className="runbook-sources" open={open ?? startOpen} onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>
        Sources{sources.data ? ` (${sources.data.length})` : ''}
      </summary>
      <ul className="runbook-source-list">
        {sources.data?.map((source) => (
          <li key={source.id} className={source.lastError ? 'runbook-source error' : 'runbook-source'}>
            <div>
              <strong>{source.name}</strong> <span className="muted">{source.runbookCount} runbooks · {source.sectionCount} sections</span>
            </div>
            <div className="mono muted">{source.archiveUrl ?? source.dir}</div>
            {source.urlPrefix ? <div className="mono muted">↔ {source.urlPrefix}</div> : null}
            <div className="muted">
              refreshed {formatAgo(source.lastRefreshAt, now)}
              {source.lastError ? <span className="runbook-source-error"> · {source.lastError}</span> : null}
              <button type="button" className="ghost" disabled={busy} onClick={() => run(() => api.call('runbooks.refresh', { sourceId: source.id }))}>
                Refresh
              </button>
            </div>
          </li>
        ))}
      </ul>
      <form
        className="runbook-import-form"
        onSubmit={(event) => {
          event.preventDefault();
          const options = { ...(name.trim() ? { name: name.trim() } : {}), ...(urlPrefix.trim() ? { urlPrefix: urlPrefix.trim() } : {}) };
          const where = dir.trim();
          void run(() =>
            /^https?:\/\//i.test(where) ? api.call('runbooks.importUrl', { url: where, ...options }) : api.call('runbooks.import', { dir: where, ...options }),
          );
        }}
      >
        <label>
          Folder <span className="muted">(or a .tar.gz URL, refreshed while online)</span>
          <input value={dir} onChange={(e) => setDir(e.target.value)} placeholder="/home/me/src/runbooks" required />
        </label>
        <label>
          Name <span className="muted">(optional)</span>
          <input value={name} onChange={(e) => setName(e.target.value)} placeholder="folder name" />
        </label>
        <label>
          Published at <span className="muted">(url-prefix, optional)</span>
          <input value={urlPrefix} onChange={(e) => setUrlPrefix(e.target.value)} placeholder="https://runbooks.example.com/" />
        </label>
        <button type="submit" className="primary" disabled={busy || !dir.trim()}>
          Import folder
        </button>
      </form>
      {message ? (
        <p className={message.kind === 'error' ? 'error-banner' : 'runbook-import-ok'} role={message.kind === 'error' ? 'alert' : 'status'}>
          {message.text}
        </p>
      ) : null}
    </details>
  );
}
