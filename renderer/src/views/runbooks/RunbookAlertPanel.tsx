import { useApiQuery } from '../../components/useApiQuery';
import { useUiStore } from '../../state/uiStore';
import type { AlertForSlots } from '../alerts/alertDetailSlots';
import type { RunbookLinkTarget } from '../../../../shared/api/runbooks';
import { isSafeExternalUrl } from '../../../../shared/domain/runbookText';
import { RunbookReader } from './RunbookReader';
import { SnippetText } from './SnippetText';

/** The alert's runbook, from the local copy: works with the wiki down. Otherwise says so and shows the URL. */
export function RunbookAlertPanel({ alert }: { alert: AlertForSlots }) {
  const navigate = useUiStore((s) => s.navigate);
  const resolution = useApiQuery(
    'runbooks.resolveForAlert',
    { alertname: alert.alertname, labels: alert.labels, annotations: alert.annotations },
    ['runbooks.changed'],
  );
  const open = (target: RunbookLinkTarget) => navigate('runbooks', target.anchor ? [target.runbookId, target.anchor] : [target.runbookId]);
  const result = resolution.data;
  if (resolution.error) return <p className="error-banner" role="alert">{resolution.error}</p>;
  if (!result) return null;
  if (!result.found) {
    return (
      <div className="runbook-alert-panel missing">
        <p>
          <strong>No local copy</strong> of this alert's runbook.
        </p>
        <p className="muted">{result.reason}</p>
        {result.url ? (
          <p className="mono">
            {isSafeExternalUrl(result.url) ? (
              <a href={result.url} target="_blank" rel="noopener noreferrer">
                {result.url}
              </a>
            ) : (
              result.url
            )}
          </p>
        ) : null}
        {alert.alertname ? <RunbookMentions alertname={alert.alertname} onOpen={open} /> : null}
      </div>
    );
  }
  return (
    <div className="runbook-alert-panel">
      <div className="runbook-alert-panel-bar">
        <span>
          <strong>{result.runbook.title}</strong> <span className="muted mono">{result.runbook.sourceName}: {result.runbook.path}</span>
        </span>
        <button type="button" onClick={() => open({ runbookId: result.runbook.id, anchor: result.heading ?? null })}>
          Open in Runbooks
        </button>
      </div>
      <RunbookReader id={result.runbook.id} anchor={result.heading} onOpen={open} compact />
    </div>
  );
}

/**
 * With no runbook of its own, the sections whose text names the alert: a troubleshooting page
 * often says what to do about it in passing (VictoriaMetrics docs/victoriametrics/Troubleshooting.md:
 * "If you see a `TooHighSlowInsertsRate` alert…"). The name is searched as one word, never split.
 */
function RunbookMentions({ alertname, onOpen }: { alertname: string; onOpen: (target: RunbookLinkTarget) => void }) {
  const mentions = useApiQuery('runbooks.search', { query: `"${alertname}"`, limit: 3 }, ['runbooks.changed']);
  const hits = mentions.data?.mode === 'all' ? mentions.data.hits : [];
  if (hits.length === 0) return null;
  return (
    <div className="runbook-alert-mentions">
      <p>Mentioned in local runbooks:</p>
      <ul>
        {hits.map((hit) => (
          <li key={hit.sectionId}>
            <button type="button" className="runbook-alert-mention" onClick={() => onOpen({ runbookId: hit.runbookId, anchor: hit.anchor || null })}>
              {hit.title} › {hit.heading}
            </button>{' '}
            <span className="muted">
              <SnippetText parts={hit.snippet} />
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
