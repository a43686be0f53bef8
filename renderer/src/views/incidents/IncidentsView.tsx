import { EmptyState } from '../../components/EmptyState';

export function IncidentsView(_props: { params: string[] }) {
  return (
    <section className="view" aria-labelledby="incidents-title">
      <header className="view-header">
        <h1 id="incidents-title">Incidents</h1>
      </header>
      <EmptyState title="No incidents">
        <p>Declare an incident to run the timeline, roles, tasks and customer updates from here.</p>
      </EmptyState>
    </section>
  );
}
