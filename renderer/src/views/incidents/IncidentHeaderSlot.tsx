import { useApiQuery } from '../../components/useApiQuery';
import { useNow } from '../../components/useNow';
import { useUiStore } from '../../state/uiStore';
import { nextUpdateCountdown } from '../../../../shared/domain/incidents';

/**
 * Header: the open incidents (with the most urgent comms countdown) and overdue remediations, so
 * neither a running incident nor a promise from the last postmortem is forgotten.
 */
export function IncidentHeaderSlot() {
  const open = useApiQuery('incidents.list', { state: 'open', limit: 50 }, ['incidents.changed']);
  const overdue = useApiQuery('incidents.remediations', { overdueOnly: true }, ['incidents.changed']);
  const navigate = useUiStore((s) => s.navigate);
  const now = useNow(1000);
  const incidents = open.data ?? [];
  const overdueCount = overdue.data?.length ?? 0;
  if (incidents.length === 0 && overdueCount === 0) return null;
  const worst = incidents.reduce((min, i) => Math.min(min, i.severity), 3);
  const nextDue = incidents
    .map((i) => ({ incident: i, countdown: nextUpdateCountdown(i.nextUpdateAt, now) }))
    .filter((x) => x.countdown.remainingMs !== null)
    .sort((a, b) => a.countdown.remainingMs! - b.countdown.remainingMs!)[0];
  return (
    <span className="header-slot incidents-header-slot">
      {incidents.length ? (
        <button
          type="button"
          className={`pill ${worst === 1 ? 'danger' : 'warn'}`}
          onClick={() => navigate('incidents', incidents.length === 1 ? [incidents[0]!.id] : [])}
          title={nextDue ? `Open incidents · ${nextDue.incident.ref}: ${nextDue.countdown.label}` : 'Open incidents'}
        >
          {incidents.length === 1 ? `${incidents[0]!.ref} Sev${incidents[0]!.severity} ${incidents[0]!.status}` : `${incidents.length} open incidents (worst Sev${worst})`}
          {nextDue ? ` · ${nextDue.countdown.state === 'overdue' ? 'update overdue' : `update ${nextDue.countdown.label.replace('Next update in ', '')}`}` : ''}
        </button>
      ) : null}
      {overdueCount ? (
        <button type="button" className="pill danger" onClick={() => navigate('incidents', ['review'])} title="Remediations past their due date">
          {overdueCount} overdue remediation{overdueCount > 1 ? 's' : ''}
        </button>
      ) : null}
    </span>
  );
}
