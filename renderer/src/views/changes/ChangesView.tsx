import { EmptyState } from '../../components/EmptyState';

export function ChangesView(_props: { params: string[] }) {
  return (
    <section className="view" aria-labelledby="changes-title">
      <header className="view-header">
        <h1 id="changes-title">Changes</h1>
      </header>
      <EmptyState title="No changes recorded yet">
        <p>Record every production change here, so the last one can be found and rolled back during an outage.</p>
      </EmptyState>
    </section>
  );
}
