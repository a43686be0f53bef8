import { useEffect, useMemo, useState } from 'react';
import type { AlertDetail as AlertDetailData } from '../../../../shared/api/alerts';
import { useApi } from '../../api';
import { useApiQuery } from '../../components/useApiQuery';
import { useNow } from '../../components/useNow';
import { isTypingTarget } from '../../shell/useGlobalShortcuts';
import { useUiStore } from '../../state/uiStore';
import { alertDetailSlots, type AlertForSlots } from './alertDetailSlots';
import { useAlertBoardStore } from './alertBoardStore';
import { describeSilencedBy, formatClock, formatSince, isUrl, matchersForAlert } from './alertFormat';
import { SilenceDialog } from './SilenceDialog';

/** Text, with http(s) URLs as links that open outside the app, only when clicked. */
function AnnotationValue({ value }: { value: string }) {
  if (isUrl(value)) {
    return (
      <a href={value.trim()} target="_blank" rel="noopener noreferrer">
        {value}
      </a>
    );
  }
  return <span className="alert-annotation-text">{value}</span>;
}

/**
 * The declare form sits below the runbook, a long scroll down: i (or the header button) brings
 * its title box into view with the focus, so Enter declares, linked to this alert.
 */
function focusDeclareIncident(): void {
  const title = document.querySelector<HTMLInputElement>('[data-slot="declare-incident"] input');
  if (!title) return;
  title.scrollIntoView({ block: 'center' });
  title.focus();
  title.select();
}

export function AlertDetail({ id }: { id: string }) {
  const api = useApi();
  const navigate = useUiStore((s) => s.navigate);
  const openSilence = useAlertBoardStore((s) => s.openSilence);
  const silenceDraft = useAlertBoardStore((s) => s.silenceDraft);
  const detail = useApiQuery('alerts.get', { id }, ['alerts.changed']);
  // Who silenced it, until when and why; the alert itself only carries silence ids.
  const silences = useApiQuery('alerts.silences.list', { includeExpired: false }, ['alerts.changed']);
  const [raw, setRaw] = useState<string>();
  const [actionError, setActionError] = useState<string>();
  const now = useNow(15_000);
  const alert = detail.data;

  async function toggleAck(a: AlertDetailData) {
    setActionError(undefined);
    try {
      if (a.state === 'acked') await api.call('alerts.unack', { ids: [a.id] });
      else await api.call('alerts.ack', { ids: [a.id] });
    } catch (error) {
      setActionError(error instanceof Error ? error.message : String(error));
    }
  }

  async function showRaw(a: AlertDetailData) {
    if (!a.rawPayload) return;
    try {
      const payload = await api.call('alerts.raw', { id: a.rawPayload.id });
      let pretty = payload.body;
      try {
        pretty = JSON.stringify(JSON.parse(payload.body), null, 2);
      } catch {
        // Keep the body exactly as received when it is not JSON.
      }
      setRaw(pretty);
    } catch (error) {
      setRaw(`(${error instanceof Error ? error.message : String(error)})`);
    }
  }

  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (event.ctrlKey || event.metaKey || event.altKey || isTypingTarget(event.target)) return;
      if (useUiStore.getState().paletteOpen || useAlertBoardStore.getState().silenceDraft) return;
      if (event.key === 'Escape' || event.key === 'Backspace' || event.key === 'h') {
        event.preventDefault();
        navigate('alerts');
      } else if (event.key === 'a' && alert) {
        event.preventDefault();
        void toggleAck(alert);
      } else if (event.key === 's' && alert) {
        event.preventDefault();
        openSilence({ matchers: matchersForAlert(alert), alertIds: [alert.id] });
      } else if (event.key === 'i' && alert) {
        event.preventDefault();
        focusDeclareIncident();
      }
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  });

  const forSlots: AlertForSlots | undefined = useMemo(
    () =>
      alert
        ? {
            id: alert.id,
            fingerprint: alert.fingerprint,
            source: alert.sourceKind,
            alertname: alert.alertname,
            summary: alert.summary,
            severity: alert.severity,
            state: alert.state,
            startsAt: alert.startsAt ?? alert.firstSeenAt,
            labels: alert.labels,
            annotations: alert.annotations,
          }
        : undefined,
    [alert],
  );

  if (detail.error) {
    return (
      <section className="view alerts-detail">
        <button type="button" onClick={() => navigate('alerts')}>
          ← Alerts
        </button>
        <p className="error-banner" role="alert">
          {detail.error}
        </p>
      </section>
    );
  }
  if (!alert || !forSlots) return <section className="view alerts-detail" aria-busy="true" />;

  return (
    <section
      className="view alerts-detail"
      aria-labelledby="alert-detail-title"
      onKeyDown={(e) => {
        // Esc leaves the incident title box (i) so a, s and Esc-to-board work again, as in the console.
        if (e.key === 'Escape' && isTypingTarget(e.target) && e.target instanceof HTMLElement) e.target.blur();
      }}
    >
      <header className="view-header alerts-detail-header">
        <button type="button" className="ghost" onClick={() => navigate('alerts')} title="Back to the board (Esc)">
          ← Alerts
        </button>
        <span className={`sev-badge ${alert.severity}`}>{alert.severity}</span>
        <span className={`state-badge ${alert.state}`}>{alert.state}</span>
        <h1 id="alert-detail-title">{alert.alertname}</h1>
        {alert.flapping ? <span className="flag flapping">flapping · {alert.transitions} changes</span> : null}
        <span className="alerts-detail-actions">
          <button type="button" onClick={() => void toggleAck(alert)} disabled={alert.state === 'resolved'}>
            {alert.state === 'acked' ? 'Unack' : 'Ack'} <kbd>a</kbd>
          </button>
          <button type="button" onClick={() => openSilence({ matchers: matchersForAlert(alert), alertIds: [alert.id] })}>
            Silence <kbd>s</kbd>
          </button>
          <button type="button" onClick={focusDeclareIncident} title="Declare an incident from this alert">
            Incident <kbd>i</kbd>
          </button>
        </span>
      </header>
      {actionError ? <p className="error-banner" role="alert">{actionError}</p> : null}
      <p className="alerts-detail-summary">{alert.summary || <span className="muted">(no summary)</span>}</p>
      <p className="muted">
        {alert.state === 'resolved' ? `Resolved ${formatClock(alert.endsAt, now)} · ` : `Firing for ${formatSince(alert.startsAt, now)} · `}
        started {formatClock(alert.startsAt, now)}
        {alert.ackedBy ? ` · acked by ${alert.ackedBy} at ${formatClock(alert.ackedAt, now)}${alert.ackNote ? `: ${alert.ackNote}` : ''}` : ''}
        {alert.silencedBy.length ? ` · ${describeSilencedBy(alert.silencedBy, silences.data ?? [], now).join('; ')}` : ''}
      </p>

      <div className="alerts-detail-grid">
        <div className="card">
          <h2>Labels</h2>
          <table className="table" aria-label="Labels">
            <tbody>
              {Object.entries(alert.labels).map(([k, v]) => (
                <tr key={k}>
                  <td className="mono muted">{k}</td>
                  <td className="mono">{v}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div className="card">
          <h2>Annotations</h2>
          {Object.keys(alert.annotations).length === 0 ? <p className="muted">None.</p> : null}
          <dl className="facts alerts-annotations">
            {Object.entries(alert.annotations).map(([k, v]) => (
              <div key={k} className="alerts-annotation">
                <dt>{k}</dt>
                <dd>
                  <AnnotationValue value={v} />
                </dd>
              </div>
            ))}
          </dl>
        </div>
        <div className="card">
          <h2>State history</h2>
          <table className="table" aria-label="State history">
            <tbody>
              {[...alert.history].reverse().map((h, i) => (
                <tr key={`${h.at}-${i}`}>
                  <td title={h.at}>{formatClock(h.at, now)}</td>
                  <td>
                    {h.fromState ? <span className={`state-badge ${h.fromState}`}>{h.fromState}</span> : <span className="muted">new</span>} →{' '}
                    <span className={`state-badge ${h.toState}`}>{h.toState}</span>
                  </td>
                  <td className="muted">{h.note ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {alertDetailSlots.map((slot) => {
          const Panel = slot.component;
          return (
            <div key={slot.id} className="card alerts-slot" data-slot={slot.id}>
              <h2>{slot.title}</h2>
              <Panel alert={forSlots} />
            </div>
          );
        })}
        <div className="card">
          <h2>Source</h2>
          <dl className="facts">
            <dt>Feed</dt>
            <dd>
              {alert.sourceKind} / {alert.sourceName}
            </dd>
            <dt>Identity</dt>
            <dd className="mono">{alert.key}</dd>
            <dt>Severity</dt>
            <dd>
              {alert.severity}
              {alert.severityRaw && alert.severityRaw !== alert.severity ? <span className="muted"> (sent as "{alert.severityRaw}")</span> : null}
            </dd>
            <dt>First seen</dt>
            <dd>{formatClock(alert.firstSeenAt, now)}</dd>
            <dt>Last delivery</dt>
            <dd>{formatClock(alert.lastSeenAt, now)}</dd>
            {alert.generatorUrl ? (
              <>
                <dt>Generator</dt>
                <dd>
                  <AnnotationValue value={alert.generatorUrl} />
                </dd>
              </>
            ) : null}
          </dl>
          <h2 className="alerts-raw-title">Raw payload</h2>
          {alert.rawPayload?.available ? (
            raw === undefined ? (
              <button type="button" onClick={() => void showRaw(alert)}>
                Show raw payload ({alert.rawPayload.bytes.toLocaleString()} bytes, {alert.rawPayload.via}, {formatClock(alert.rawPayload.receivedAt, now)})
              </button>
            ) : (
              <pre className="alerts-raw mono" aria-label="Raw payload">
                {raw}
              </pre>
            )
          ) : (
            <p className="muted">{alert.rawPayload ? 'Pruned by the raw payload retention setting.' : 'No raw payload recorded.'}</p>
          )}
        </div>
      </div>
      {silenceDraft ? <SilenceDialog draft={silenceDraft} /> : null}
    </section>
  );
}
