import { useEffect, useMemo, useState } from 'react';
import { useApiQuery } from '../../components/useApiQuery';
import { useNow } from '../../components/useNow';
import { isTypingTarget } from '../../shell/useGlobalShortcuts';
import { useUiStore } from '../../state/uiStore';
import { ContactDetail, ContactEditor, draftOf } from './ContactDetail';
import { copyText } from '../../components/clipboard';
import { localTimeIn, preferredPhone } from './contactFormat';
import { GoBagCard } from './GoBagCard';
import { ImportBar } from './ImportBar';
import { OnCallPanel } from './OnCallPanel';
import { RolesEscalations } from './RolesEscalations';

export function ContactsView({ params }: { params: string[] }) {
  if (params[0] === 'card') return <GoBagCard />;
  return <ContactsMain />;
}

function ContactsMain() {
  const navigate = useUiStore((s) => s.navigate);
  const now = useNow(30_000);
  const [query, setQuery] = useState('');
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [editing, setEditing] = useState<'new' | 'selected' | null>(null);
  const [toast, setToast] = useState<string | null>(null);
  const results = useApiQuery('contacts.search', { query, limit: 300 }, ['contacts.changed']);
  const contacts = useMemo(() => results.data ?? [], [results.data]);
  const selected = contacts.find((c) => c.id === selectedId) ?? contacts[0];

  useEffect(() => {
    if (!toast) return;
    const timer = setTimeout(() => setToast(null), 4000);
    return () => clearTimeout(timer);
  }, [toast]);

  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      if (event.ctrlKey || event.metaKey || event.altKey || editing) return;
      const inSearch = (event.target as HTMLElement | null)?.hasAttribute?.('data-view-search') ?? false;
      if (isTypingTarget(event.target) && !inSearch) return;
      const index = selected ? contacts.indexOf(selected) : -1;
      const move = (delta: number) => {
        const next = contacts[Math.min(contacts.length - 1, Math.max(0, index + delta))];
        if (next) {
          event.preventDefault();
          setSelectedId(next.id);
          document.getElementById(`contact-${next.id}`)?.scrollIntoView({ block: 'nearest' });
        }
      };
      if (event.key === 'ArrowDown') move(1);
      else if (event.key === 'ArrowUp') move(-1);
      else if (inSearch) {
        if (event.key === 'Enter' || event.key === 'Escape') (event.target as HTMLElement).blur();
      } else if (event.key === 'j') move(1);
      else if (event.key === 'k') move(-1);
      else if (event.key === 'c' && selected) {
        const phone = preferredPhone(selected.phones);
        if (phone) {
          event.preventDefault();
          void copyText(phone).then(() => setToast(`Copied ${phone} (${selected.name})`));
        } else setToast(`${selected.name} has no phone number`);
      } else if (event.key === 'e' && selected) {
        event.preventDefault();
        setEditing('selected');
      } else if (event.key === 'n') {
        event.preventDefault();
        setEditing('new');
      } else if (event.key === 'p') {
        event.preventDefault();
        navigate('contacts', ['card']);
      }
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [contacts, selected, editing, navigate]);

  return (
    <section className="view contacts-view" aria-labelledby="contacts-title">
      <header className="view-header">
        <h1 id="contacts-title">Contacts &amp; On-call</h1>
        <span className="muted">
          <kbd>/</kbd> search · <kbd>j</kbd>/<kbd>k</kbd> move · <kbd>c</kbd> copy number · <kbd>e</kbd> edit · <kbd>n</kbd> new · <kbd>p</kbd> go-bag card
        </span>
        <span className="contacts-header-actions">
          <a className="button-like" href="#/contacts/card">Go-bag card</a>
          <button type="button" onClick={() => setEditing('new')}>New contact</button>
        </span>
      </header>
      <ImportBar />
      {toast ? <div className="contacts-toast" role="status">{toast}</div> : null}
      <div className="contacts-layout">
        <div className="contacts-side">
          <OnCallPanel />
          <RolesEscalations />
        </div>
        <div className="contacts-list-pane">
          <input
            className="contacts-search"
            data-view-search
            type="search"
            placeholder="Search name, org, role, #tag, phone…"
            aria-label="Search contacts"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
          />
          {results.error ? <p className="error-banner" role="alert">{results.error}</p> : null}
          <ul className="contacts-list" role="listbox" aria-label="Contacts">
            {contacts.map((c) => {
              const local = localTimeIn(c.tz, now);
              return (
                <li
                  key={c.id}
                  id={`contact-${c.id}`}
                  role="option"
                  aria-selected={c.id === selected?.id}
                  className={c.id === selected?.id ? 'selected' : undefined}
                  onClick={() => setSelectedId(c.id)}
                >
                  <span className="contacts-list-name">{c.name}</span>
                  <span className="contacts-list-phone mono">{preferredPhone(c.phones) ?? ''}</span>
                  <span className="muted contacts-list-org">{[c.org, ...c.roles].filter(Boolean).join(' · ')}</span>
                  <span className="muted contacts-list-time">{local ? local.time : ''}</span>
                </li>
              );
            })}
          </ul>
          {results.data && contacts.length === 0 ? <p className="muted">{query ? `Nothing matches "${query}".` : 'No contacts yet: import a .vcf or .csv file, or add one.'}</p> : null}
        </div>
        <div className="contacts-detail-pane">
          {editing ? (
            <ContactEditor
              key={editing === 'new' ? 'new' : selected?.id}
              initial={editing === 'new' ? draftOf() : draftOf(selected)}
              onDone={(id) => {
                setEditing(null);
                if (id) setSelectedId(id);
              }}
            />
          ) : selected ? (
            <ContactDetail contact={selected} now={now} onEdit={() => setEditing('selected')} onCopied={(text) => setToast(`Copied ${text}`)} />
          ) : null}
        </div>
      </div>
    </section>
  );
}
