import { useEffect, useState } from 'react';
import { ApiCallError, useApi } from '../../api';
import { useUiStore } from '../../state/uiStore';
import type { AlertForSlots } from '../alerts/alertDetailSlots';

const SEVERITY_FOR_ALERT: Record<AlertForSlots['severity'], 1 | 2 | 3> = { critical: 1, warning: 2, info: 3 };

/** In the alert detail: declare an incident pre-filled from the alert (title, service, impact start), alert linked. */
export function DeclareIncidentPanel({ alert }: { alert: AlertForSlots }) {
  const api = useApi();
  const navigate = useUiStore((s) => s.navigate);
  const [title, setTitle] = useState(alert.summary || alert.alertname);
  const [severity, setSeverity] = useState<1 | 2 | 3>(SEVERITY_FOR_ALERT[alert.severity]);
  const [linkedTo, setLinkedTo] = useState<{ id: string; ref: string }[]>([]);
  const [error, setError] = useState<string>();

  useEffect(() => {
    setTitle(alert.summary || alert.alertname);
    setSeverity(SEVERITY_FOR_ALERT[alert.severity]);
    let stale = false;
    // Open incidents this alert is already linked to, so nobody declares the same outage twice.
    void api.call('incidents.forAlert', { alertId: alert.id }).then(
      (linked) => !stale && setLinkedTo(linked.map((i) => ({ id: i.id, ref: `${i.ref} (${i.status})` }))),
      () => undefined,
    );
    return () => {
      stale = true;
    };
  }, [api, alert.id, alert.summary, alert.alertname, alert.severity]);

  async function declare(event: React.FormEvent) {
    event.preventDefault();
    try {
      const service = alert.labels.service ?? alert.labels.job ?? alert.labels.app;
      const incident = await api.call('incidents.declare', {
        title,
        severity,
        alertId: alert.id,
        service: service || undefined,
        summary: alert.annotations.description ?? alert.summary ?? undefined,
        impactStartAt: alert.startsAt || undefined,
        detectedAt: alert.startsAt || undefined,
        detectionMethod: 'monitoring',
      });
      navigate('incidents', [incident.id]);
    } catch (err) {
      setError(err instanceof ApiCallError ? err.message : String(err));
    }
  }

  return (
    <form className="incidents-declare-from-alert" onSubmit={declare} aria-label="Declare incident from this alert">
      {linkedTo.length ? (
        <p>
          Linked to{' '}
          {linkedTo.map((l) => (
            <a key={l.id} href={`#/incidents/${l.id}`}>
              {l.ref}{' '}
            </a>
          ))}
        </p>
      ) : null}
      <div className="incidents-form-row">
        <input className="grow" aria-label="Incident title" value={title} onChange={(e) => setTitle(e.target.value)} />
        <select aria-label="Incident severity" value={severity} onChange={(e) => setSeverity(Number(e.target.value) as 1 | 2 | 3)}>
          <option value={1}>Sev1</option>
          <option value={2}>Sev2</option>
          <option value={3}>Sev3</option>
        </select>
        <button type="submit" className="primary" disabled={!title.trim()}>
          Declare incident
        </button>
      </div>
      {error ? <p className="error-banner" role="alert">{error}</p> : null}
    </form>
  );
}
