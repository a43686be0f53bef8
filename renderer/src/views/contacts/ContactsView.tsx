import { EmptyState } from '../../components/EmptyState';

export function ContactsView(_props: { params: string[] }) {
  return (
    <section className="view" aria-labelledby="contacts-title">
      <header className="view-header">
        <h1 id="contacts-title">Contacts &amp; On-call</h1>
      </header>
      <EmptyState title="No contacts or schedules yet">
        <p>Import vCards and on-call calendars to know who to call, and who holds the pager right now.</p>
      </EmptyState>
    </section>
  );
}
