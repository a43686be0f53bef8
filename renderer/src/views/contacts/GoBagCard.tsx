import { useApiQuery } from '../../components/useApiQuery';
import { formatAgo } from '../../components/format';
import type { Contact } from '../../../../shared/api/contacts';
import { formatShiftTime, preferredPhone } from './contactFormat';
import { EscalationSteps } from './RolesEscalations';

const KEY_TAGS = new Set(['noc', 'vendor', 'manager', 'key', 'carrier', 'oncall']);

function isKeyContact(contact: Contact, referenced: Set<string>): boolean {
  return referenced.has(contact.id) || contact.roles.length > 0 || contact.tags.some((t) => KEY_TAGS.has(t));
}

/**
 * The index card in your pocket when even the laptop is dead: on call now and next, escalation paths
 * and the key numbers, laid out to print on one page (browser print, or printToPDF in Electron).
 */
export function GoBagCard() {
  const oncall = useApiQuery('oncall.at', {}, ['schedules.changed', 'contacts.changed']);
  const escalations = useApiQuery('escalations.list', {}, ['contacts.changed', 'schedules.changed']);
  const contacts = useApiQuery('contacts.search', { query: '', limit: 1000 }, ['contacts.changed']);
  const referenced = new Set<string>();
  for (const path of escalations.data ?? []) for (const step of path.steps) for (const r of step.resolved) if (r.contactId) referenced.add(r.contactId);
  for (const s of oncall.data?.schedules ?? []) for (const shift of [...s.current, ...s.next]) if (shift.contact) referenced.add(shift.contact.id);
  const key = (contacts.data ?? []).filter((c) => isKeyContact(c, referenced) && c.phones.length > 0);
  const printedAt = oncall.data?.at ?? new Date().toISOString();
  return (
    <section className="view contacts-card-view" aria-labelledby="gobag-card-title">
      <header className="view-header contacts-card-toolbar">
        <a href="#/contacts">← Contacts &amp; On-call</a>
        <button type="button" className="primary" onClick={() => window.print()}>
          Print card
        </button>
        <span className="muted">Prints on one page; use “Save as PDF” for a copy on your phone.</span>
      </header>
      <article className="gobag-card" aria-label="Go-bag card">
        <h1 id="gobag-card-title">Go-bag card</h1>
        <p className="gobag-card-meta">Printed {formatShiftTime(printedAt)} — check the handoff times below against today.</p>
        <section>
          <h2>On call</h2>
          {(oncall.data?.schedules ?? []).length === 0 ? <p>No schedules imported.</p> : null}
          <table className="gobag-table">
            <tbody>
              {(oncall.data?.schedules ?? []).map((s) => (
                <tr key={s.scheduleId}>
                  <th scope="row">{s.name}</th>
                  <td>
                    <strong>Now:</strong>{' '}
                    {s.current.length
                      ? s.current.map((c) => `${c.contact?.name ?? c.person ?? c.summary}${c.contact && preferredPhone(c.contact.phones) ? ` ${preferredPhone(c.contact.phones)}` : ''}`).join('; ')
                      : 'nobody'}
                    {s.current[0] ? <span className="gobag-small"> until {formatShiftTime(s.current[0].end)}</span> : null}
                    <br />
                    <strong>Next:</strong>{' '}
                    {s.next.length ? s.next.map((c) => `${c.contact?.name ?? c.person ?? c.summary}${c.contact && preferredPhone(c.contact.phones) ? ` ${preferredPhone(c.contact.phones)}` : ''}`).join('; ') : '—'}
                    {s.nextHandoffAt ? <span className="gobag-small"> from {formatShiftTime(s.nextHandoffAt)}</span> : null}
                    <span className="gobag-small"> (schedule copy {formatAgo(s.lastRefreshAt)})</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        <section>
          <h2>Escalation</h2>
          {(escalations.data ?? []).length === 0 ? <p>No escalation paths defined.</p> : null}
          {(escalations.data ?? []).map((path) => (
            <div key={path.id} className="gobag-escalation">
              <h3>{path.service}</h3>
              <EscalationSteps path={path} />
              {path.notes ? <p className="gobag-small">{path.notes}</p> : null}
            </div>
          ))}
        </section>
        <section>
          <h2>Key numbers</h2>
          <table className="gobag-table gobag-numbers">
            <tbody>
              {key.map((c) => (
                <tr key={c.id}>
                  <th scope="row">{c.name}</th>
                  <td>{[c.org, ...c.roles, ...c.tags.filter((t) => KEY_TAGS.has(t)).map((t) => `#${t}`)].filter(Boolean).join(' · ')}</td>
                  <td className="mono">{c.phones.map((p) => p.value).join(' / ')}</td>
                  <td>{c.notes ? c.notes.split('\n')[0] : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {key.length === 0 ? <p>No key contacts yet: tag contacts noc, vendor or manager, or give them a role.</p> : null}
        </section>
      </article>
    </section>
  );
}
