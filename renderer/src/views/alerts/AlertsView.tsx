import { EmptyState } from '../../components/EmptyState';

export function AlertsView(_props: { params: string[] }) {
  return (
    <section className="view" aria-labelledby="alerts-title">
      <header className="view-header">
        <h1 id="alerts-title">Alerts</h1>
      </header>
      <EmptyState title="No alerts in the local replica">
        <p>Live alerts from Alertmanager, Grafana, PagerDuty and generic JSON feeds land here and stay readable when the sources go dark.</p>
      </EmptyState>
    </section>
  );
}
