import { useEffect, useRef, useState } from 'react';
import { useApi } from '../../api';
import { useApiQuery } from '../../components/useApiQuery';
import { CHANGE_KINDS, CHANGE_KIND_LABELS, type ChangeKind } from '../../../../shared/domain/changeCorrelation';
import { useChangeEntryStore } from './changeEntryStore';
import { parseWhenInput } from './changeFormat';

const LAST_ENVIRONMENT_KEY = 'gobag.changes.lastEnvironment';
/** An unsaved new entry survives closing the dialog, a reload or a crash of the window. */
const DRAFT_KEY = 'gobag.changes.draft';

interface FormState {
  summary: string;
  service: string;
  environment: string;
  kind: ChangeKind;
  author: string;
  link: string;
  rollback: string;
  sideEffects: string;
  when: string;
  reason: string;
}

function readDraft(): FormState | undefined {
  try {
    const text = localStorage.getItem(DRAFT_KEY);
    const draft = text ? (JSON.parse(text) as Partial<FormState>) : undefined;
    return draft && typeof draft.summary === 'string' ? ({ ...emptyForm(), ...draft } as FormState) : undefined;
  } catch {
    return undefined;
  }
}

function emptyForm(): FormState {
  return { summary: '', service: '', environment: 'production', kind: 'deploy', author: '', link: '', rollback: '', sideEffects: '', when: '', reason: '' };
}

function initialForm(): FormState {
  const editing = useChangeEntryStore.getState().editing;
  if (editing) {
    return {
      summary: editing.summary,
      service: editing.service ?? '',
      environment: editing.environment ?? '',
      kind: editing.kind,
      author: editing.author ?? '',
      link: editing.link ?? '',
      rollback: editing.rollback ?? '',
      sideEffects: editing.sideEffects ?? '',
      when: editing.at,
      reason: '',
    };
  }
  const draft = readDraft();
  if (draft) return draft;
  return {
    summary: '',
    service: '',
    environment: localStorage.getItem(LAST_ENVIRONMENT_KEY) ?? 'production',
    kind: 'deploy',
    author: '',
    link: '',
    rollback: '',
    sideEffects: '',
    when: '',
    reason: '',
  };
}

/**
 * Quick entry: the summary alone and Enter records a change; everything else is optional and one
 * Tab away. Ctrl/⌘+Enter saves from any field, Esc closes without saving.
 */
export function QuickChangeDialog() {
  const api = useApi();
  const editing = useChangeEntryStore((s) => s.editing);
  const close = useChangeEntryStore((s) => s.close);
  const settings = useApiQuery('settings.get', {}, ['settings.changed']);
  const facets = useApiQuery('changes.facets', {}, ['changes.changed']);
  const [form, setForm] = useState<FormState>(initialForm);
  const [error, setError] = useState<string>();
  const [saving, setSaving] = useState(false);
  const dialogRef = useRef<HTMLDivElement>(null);
  const summaryRef = useRef<HTMLInputElement>(null);

  useEffect(() => summaryRef.current?.focus(), []);
  useEffect(() => {
    if (editing) return;
    const typed = form.summary.trim() || form.service.trim() || form.rollback.trim() || form.link.trim() || form.sideEffects.trim();
    if (typed) localStorage.setItem(DRAFT_KEY, JSON.stringify(form));
    else localStorage.removeItem(DRAFT_KEY);
  }, [form, editing]);

  const set = <K extends keyof FormState>(key: K) => (event: React.ChangeEvent<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>) =>
    setForm((f) => ({ ...f, [key]: event.target.value }));

  async function save() {
    if (saving) return;
    const summary = form.summary.trim();
    if (!summary) {
      setError('Summary: say in one line what changed.');
      summaryRef.current?.focus();
      return;
    }
    const when = editing && form.when === editing.at ? { iso: editing.at } : parseWhenInput(form.when);
    if ('error' in when) {
      setError(when.error);
      return;
    }
    setSaving(true);
    try {
      const fields = {
        summary,
        service: form.service.trim() || null,
        environment: form.environment.trim() || null,
        kind: form.kind,
        author: form.author.trim() || null,
        link: form.link.trim() || null,
        rollback: form.rollback.trim() || null,
        sideEffects: form.sideEffects.trim() || null,
      };
      if (editing) {
        await api.call('changes.update', { id: editing.id, ...fields, at: when.iso, reason: form.reason.trim() || undefined });
      } else {
        await api.call('changes.record', { ...fields, author: fields.author ?? undefined, at: when.iso, origin: 'app' });
        if (fields.environment) localStorage.setItem(LAST_ENVIRONMENT_KEY, fields.environment);
        localStorage.removeItem(DRAFT_KEY);
      }
      close();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
      setSaving(false);
    }
  }

  function onKeyDown(event: React.KeyboardEvent) {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      close();
    } else if (event.key === 'Enter' && (event.ctrlKey || event.metaKey || (event.target as HTMLElement).tagName === 'INPUT')) {
      event.preventDefault();
      void save();
    } else if (event.key === 'Tab' && dialogRef.current) {
      // Keep focus inside the dialog while it is open.
      const focusable = [...dialogRef.current.querySelectorAll<HTMLElement>('input, select, textarea, button')].filter((el) => !el.hasAttribute('disabled'));
      const first = focusable[0];
      const last = focusable[focusable.length - 1];
      if (event.shiftKey && document.activeElement === first) {
        event.preventDefault();
        last?.focus();
      } else if (!event.shiftKey && document.activeElement === last) {
        event.preventDefault();
        first?.focus();
      }
    }
  }

  const title = editing ? 'Edit change' : 'Record a change';
  return (
    <div className="overlay" onMouseDown={close}>
      <div
        ref={dialogRef}
        className="palette changes-dialog"
        role="dialog"
        aria-modal="true"
        aria-label={title}
        onMouseDown={(e) => e.stopPropagation()}
        onKeyDown={onKeyDown}
      >
        <h2>{title}</h2>
        <label className="changes-field changes-field-wide">
          <span>What changed</span>
          <input ref={summaryRef} value={form.summary} onChange={set('summary')} placeholder="deploy api v2.3.1" maxLength={1000} aria-label="Summary" />
        </label>
        <div className="changes-form-grid">
          <label className="changes-field">
            <span>Service</span>
            <input value={form.service} onChange={set('service')} list="changes-services" placeholder="api" aria-label="Service" />
          </label>
          <label className="changes-field">
            <span>Environment</span>
            <input value={form.environment} onChange={set('environment')} list="changes-environments" aria-label="Environment" />
          </label>
          <label className="changes-field">
            <span>Kind</span>
            <select value={form.kind} onChange={set('kind')} aria-label="Kind">
              {CHANGE_KINDS.map((kind) => (
                <option key={kind} value={kind}>
                  {CHANGE_KIND_LABELS[kind]}
                </option>
              ))}
            </select>
          </label>
          <label className="changes-field">
            <span>When</span>
            <input value={form.when} onChange={set('when')} placeholder="now · 15m ago · 14:05" aria-label="When" />
          </label>
          <label className="changes-field">
            <span>By</span>
            <input value={form.author} onChange={set('author')} placeholder={settings.data?.userName ?? 'me'} list="changes-authors" aria-label="Author" />
          </label>
          <label className="changes-field">
            <span>Ticket or link</span>
            <input value={form.link} onChange={set('link')} placeholder="OPS-1234 or https://…" aria-label="Ticket or link" />
          </label>
          <label className="changes-field changes-field-wide">
            <span>Rollback command</span>
            <input className="mono" value={form.rollback} onChange={set('rollback')} placeholder="kubectl rollout undo deploy/api" aria-label="Rollback command" />
          </label>
          <label className="changes-field changes-field-wide">
            <span>Expected side effects</span>
            <textarea rows={2} value={form.sideEffects} onChange={set('sideEffects')} placeholder="cold caches for ~5 min" aria-label="Expected side effects" />
          </label>
          {editing ? (
            <label className="changes-field changes-field-wide">
              <span>Reason for the edit</span>
              <input value={form.reason} onChange={set('reason')} aria-label="Reason for the edit" />
            </label>
          ) : null}
        </div>
        <datalist id="changes-services">{facets.data?.services.map((s) => <option key={s} value={s} />)}</datalist>
        <datalist id="changes-environments">
          {[...new Set(['production', 'staging', ...(facets.data?.environments ?? [])])].map((s) => (
            <option key={s} value={s} />
          ))}
        </datalist>
        <datalist id="changes-authors">{facets.data?.authors.map((s) => <option key={s} value={s} />)}</datalist>
        {error ? (
          <p className="error-banner" role="alert">
            {error}
          </p>
        ) : null}
        <footer className="changes-dialog-footer">
          <span className="muted">
            <kbd>Enter</kbd> save · <kbd>Esc</kbd> close{editing ? '' : ' (an unsaved entry is kept as a draft)'}
          </span>
          <button
            type="button"
            onClick={() => {
              if (!editing) localStorage.removeItem(DRAFT_KEY);
              close();
            }}
          >
            {editing ? 'Cancel' : 'Discard'}
          </button>
          <button type="button" className="primary" onClick={() => void save()} disabled={saving}>
            {editing ? 'Save edit' : 'Record change'}
          </button>
        </footer>
      </div>
    </div>
  );
}
