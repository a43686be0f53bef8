import { EmptyState } from '../../components/EmptyState';

export function RunbooksView(_props: { params: string[] }) {
  return (
    <section className="view" aria-labelledby="runbooks-title">
      <header className="view-header">
        <h1 id="runbooks-title">Runbooks</h1>
      </header>
      <EmptyState title="No runbooks imported yet">
        <p>Import a folder of Markdown runbooks (a git checkout of the team wiki) to read and search them with no network.</p>
      </EmptyState>
    </section>
  );
}
