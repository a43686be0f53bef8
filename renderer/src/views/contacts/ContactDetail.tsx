import { useState } from 'react';
import { useApi } from '../../api';
import { useApiQuery } from '../../components/useApiQuery';
import type { Contact, ContactPointInput } from '../../../../shared/api/contacts';
import { copyText } from '../../components/clipboard';
import { localTimeIn, telHref } from './contactFormat';

export interface ContactDraft {
  id?: string;
  name: string;
  org: string;
  title: string;
  role: string;
  tz: string;
  notes: string;
  phones: string;
  emails: string;
  tags: string;
}

export function draftOf(contact?: Contact): ContactDraft {
  const points = (list: ContactPointInput[] | undefined) =>
    (list ?? []).map((p) => `${p.value}${p.types?.length ? ` (${p.types.join(',')})` : ''}${p.pref ? ' *' : ''}`).join('\n');
  return {
    id: contact?.id,
    name: contact?.name ?? '',
    org: contact?.org ?? '',
    title: contact?.title ?? '',
    role: contact?.role ?? '',
    tz: contact?.tz ?? '',
    notes: contact?.notes ?? '',
    phones: points(contact?.phones),
    emails: points(contact?.emails),
    tags: (contact?.tags ?? []).join(', '),
  };
}

/** One number per line: "+49 30 123 (work,cell) *" — types in brackets, * marks the preferred one. */
function parsePoints(text: string): ContactPointInput[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const pref = /\*\s*$/.test(line);
      const bare = line.replace(/\*\s*$/, '').trim();
      const typed = /^(.*?)\s*\(([^)]*)\)$/.exec(bare);
      return { value: typed ? typed[1]!.trim() : bare, types: typed ? typed[2]!.split(',').map((t) => t.trim().toLowerCase()).filter(Boolean) : [], pref };
    });
}

export function ContactEditor({ initial, onDone }: { initial: ContactDraft; onDone(id: string | null): void }) {
  const api = useApi();
  const [draft, setDraft] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const field = (key: keyof ContactDraft, label: string, multiline = false) => (
    <label className="contacts-field">
      <span>{label}</span>
      {multiline ? (
        <textarea rows={3} value={draft[key] ?? ''} onChange={(e) => setDraft({ ...draft, [key]: e.target.value })} />
      ) : (
        <input value={draft[key] ?? ''} onChange={(e) => setDraft({ ...draft, [key]: e.target.value })} />
      )}
    </label>
  );
  async function save() {
    try {
      const saved = await api.call('contacts.save', {
        ...(draft.id ? { id: draft.id } : {}),
        name: draft.name,
        org: draft.org,
        title: draft.title,
        role: draft.role,
        tz: draft.tz || null,
        notes: draft.notes,
        phones: parsePoints(draft.phones),
        emails: parsePoints(draft.emails),
        tags: draft.tags.split(',').map((t) => t.trim()).filter(Boolean),
      });
      onDone(saved.id);
    } catch (e) {
      setError((e as Error).message);
    }
  }
  return (
    <form
      className="contacts-editor"
      aria-label={draft.id ? 'Edit contact' : 'New contact'}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') onDone(null);
      }}
    >
      {field('name', 'Name')}
      {field('org', 'Organisation')}
      {field('title', 'Title')}
      {field('role', 'Role (free text)')}
      {field('tz', 'Time zone (e.g. Europe/Berlin)')}
      {field('phones', 'Phones, one per line: number (types) * = preferred', true)}
      {field('emails', 'Emails, one per line', true)}
      {field('tags', 'Tags, comma separated (noc, vendor, dba, manager)')}
      {field('notes', 'Notes ("has the keys to the cage")', true)}
      {error ? <p className="error-banner" role="alert">{error}</p> : null}
      <div className="contacts-editor-actions">
        <button type="submit" className="primary">
          Save
        </button>
        <button type="button" onClick={() => onDone(null)}>
          Cancel
        </button>
      </div>
    </form>
  );
}

export function ContactDetail({ contact, now, onEdit, onCopied }: { contact: Contact; now: number; onEdit(): void; onCopied(text: string): void }) {
  const api = useApi();
  const local = localTimeIn(contact.tz, now);
  const copy = (text: string) => void copyText(text).then(() => onCopied(text));
  return (
    <article className="card contacts-detail" aria-label={`Contact ${contact.name}`}>
      <header className="contacts-detail-head">
        <div>
          <h2>{contact.name}</h2>
          <div className="muted">{[contact.title, contact.org].filter(Boolean).join(' · ') || (contact.kind === 'group' ? 'Group' : '')}</div>
        </div>
        <div className="contacts-detail-actions">
          <button type="button" onClick={onEdit}>
            Edit <kbd>e</kbd>
          </button>
          <button
            type="button"
            className="ghost"
            onClick={() => {
              if (window.confirm(`Remove ${contact.name}?`)) void api.call('contacts.remove', { id: contact.id });
            }}
          >
            Remove
          </button>
        </div>
      </header>
      {contact.tz ? (
        <p className="contacts-localtime">
          Their time: <strong>{local?.time ?? 'unknown zone'}</strong> <span className="muted">({contact.tz}{local ? `, ${local.offset}` : ''})</span>
        </p>
      ) : null}
      {contact.phones.length ? (
        <ul className="contacts-points" aria-label="Phones">
          {contact.phones.map((p, i) => (
            <li key={i}>
              <a className="contacts-tel" href={telHref(p.value)}>
                {p.value}
              </a>
              <span className="muted"> {p.types.join(', ')}{p.pref ? ' · preferred' : ''}</span>
              <button type="button" className="ghost" onClick={() => copy(p.value)} aria-label={`Copy ${p.value}`}>
                Copy{i === 0 ? <kbd>c</kbd> : null}
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">No phone number.</p>
      )}
      {contact.emails.length ? (
        <ul className="contacts-points" aria-label="Emails">
          {contact.emails.map((e, i) => (
            <li key={i}>
              <a href={`mailto:${e.value}`}>{e.value}</a>
              <span className="muted"> {e.types.join(', ')}</span>
            </li>
          ))}
        </ul>
      ) : null}
      {contact.impps.length ? (
        <ul className="contacts-points" aria-label="Chat">
          {contact.impps.map((p, i) => (
            <li key={i} className="mono">
              {p.value}
            </li>
          ))}
        </ul>
      ) : null}
      {contact.roles.length || contact.role ? (
        <p>
          Roles: {[...contact.roles, ...(contact.role ? [contact.role] : [])].map((r) => <span key={r} className="contacts-chip">{r}</span>)}
        </p>
      ) : null}
      {contact.tags.length ? (
        <p>
          {contact.tags.map((t) => (
            <span key={t} className="contacts-chip">#{t}</span>
          ))}
        </p>
      ) : null}
      {contact.members.length ? <GroupMembers members={contact.members} /> : null}
      {contact.notes ? <p className="contacts-notes">{contact.notes}</p> : null}
      {contact.sourceName ? <p className="muted">From {contact.sourceName}</p> : null}
    </article>
  );
}

/** A group's MEMBER URIs (urn:uuid:…, mailto:…) resolved to the contacts they name, with their numbers. */
function GroupMembers({ members }: { members: string[] }) {
  const all = useApiQuery('contacts.search', { query: '', limit: 1000 }, ['contacts.changed']);
  const resolve = (uri: string) => {
    const email = /^mailto:(.+)$/i.exec(uri)?.[1]?.toLowerCase();
    return (all.data ?? []).find((c) => c.uid === uri || (email !== undefined && c.emails.some((e) => e.value.toLowerCase() === email)));
  };
  return (
    <div>
      <div className="muted">Members</div>
      <ul className="contacts-points" aria-label="Group members">
        {members.map((uri) => {
          const member = resolve(uri);
          const phone = member?.phones.find((p) => p.pref)?.value ?? member?.phones[0]?.value;
          return (
            <li key={uri}>
              {member ? <strong>{member.name}</strong> : <span className="mono">{uri}</span>}
              {phone ? (
                <a className="contacts-tel" href={telHref(phone)}>
                  {phone}
                </a>
              ) : null}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
