import { CopyButton } from '../../components/CopyButton';
import { useApiQuery } from '../../components/useApiQuery';
import { formatAgo, formatTime } from '../../components/format';
import { useUiStore } from '../../state/uiStore';
import type { AlertForSlots } from '../alerts/alertDetailSlots';
import { CHANGE_KIND_LABELS, DEFAULT_SUSPECT_WINDOW_MINUTES, environmentOfAlertLabels, serviceOfAlertLabels } from '../../../../shared/domain/changeCorrelation';

/**
 * Alert detail panel: the changes in the two hours before the alert started, same service first,
 * each with its rollback command ready to copy — the fastest fix is usually undoing the last change.
 */
export function RecentChangesPanel({ alert }: { alert: AlertForSlots }) {
  const navigate = useUiStore((s) => s.navigate);
  const service = serviceOfAlertLabels(alert.labels);
  const environment = environmentOfAlertLabels(alert.labels);
  const suspects = useApiQuery('changes.suspects', { at: alert.startsAt, service, environment, windowMinutes: DEFAULT_SUSPECT_WINDOW_MINUTES, limit: 10 }, ['changes.changed']);
  const list = suspects.data ?? [];

  return (
    <div className="changes-suspects" data-testid="recent-changes">
      <p className="muted">
        In the {DEFAULT_SUSPECT_WINDOW_MINUTES / 60} h before this alert started ({formatTime(alert.startsAt)})
        {service ? `, ${service} first` : ''}.
      </p>
      {suspects.error ? <p className="error-banner">{suspects.error}</p> : null}
      {suspects.data && list.length === 0 ? <p className="muted">No change recorded in that window.</p> : null}
      <ol className="changes-suspect-list">
        {list.map((change) => (
          <li key={change.id} className={`changes-suspect match-${change.serviceMatch}`}>
            <div className="changes-suspect-head">
              <span className={`changes-kind kind-${change.kind}`}>{CHANGE_KIND_LABELS[change.kind]}</span>
              <button type="button" className="changes-link-button" onClick={() => navigate('changes', [change.id])}>
                {change.summary}
              </button>
              <span className="muted">
                {change.minutesBefore < 1 ? 'under a minute' : `${change.minutesBefore} min`} before · {change.service ?? 'all services'}
                {change.environment ? ` / ${change.environment}` : ''}
                {change.author ? ` · ${change.author}` : ''} · {formatAgo(change.at)}
              </span>
            </div>
            {change.rollback ? (
              <div className="changes-rollback">
                <code className="mono">{change.rollback}</code>
                <CopyButton text={change.rollback} label="Copy rollback" className="changes-copy" />
              </div>
            ) : (
              <div className="muted">no rollback command recorded</div>
            )}
          </li>
        ))}
      </ol>
    </div>
  );
}
