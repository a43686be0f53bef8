import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { ApiCallError, useApi } from '../../api';
import { useApiQuery } from '../../components/useApiQuery';
import { useNow } from '../../components/useNow';
import { useUiStore } from '../../state/uiStore';
import type { ContributingCause, PostmortemDraft } from '../../../../shared/api/incidents';
import { CATEGORIES, CATEGORY_LABELS, REMEDIATION_PRIORITIES, REMEDIATION_STATUSES } from '../../../../shared/domain/incidentVocabulary';
import { POSTMORTEM_PROMPTS, isRemediationOverdue } from '../../../../shared/domain/incidents';
import { clockTime, downloadText, useViewKeys } from './incidentUi';

// The Markdown renderer is its own chunk (shared with the runbook reader), not part of the first screen.
const PostmortemMarkdown = lazy(() => import('./PostmortemMarkdown').then((m) => ({ default: m.PostmortemMarkdown })));

function errorText(err: unknown): string {
  return err instanceof ApiCallError ? err.message : String(err);
}

function newCauseId(): string {
  return `cause-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 7)}`;
}

/** The blameless postmortem: a draft assembled from the incident, edited here, exported as Markdown or PDF. */
export function PostmortemView({ incidentId }: { incidentId: string }) {
  const api = useApi();
  const navigate = useUiStore((s) => s.navigate);
  const query = useApiQuery('incidents.postmortem', { id: incidentId }, ['incidents.changed']);
  const [draft, setDraft] = useState<PostmortemDraft | null>(null);
  const [dirty, setDirty] = useState(false);
  const [saved, setSaved] = useState<string>();
  const [error, setError] = useState<string>();
  const data = query.data;

  // The draft is loaded once; from then on this editor is the source of truth and saves on blur,
  // so a reload racing a save can never put older text back under the writer's cursor.
  const edits = useRef(0);
  useEffect(() => {
    if (data && draft === null) setDraft(data.draft);
  }, [data, draft]);

  // Leaving the view with unsaved edits (navigation, a shortcut) still saves them.
  const unsaved = useRef<PostmortemDraft | null>(null);
  unsaved.current = dirty ? draft : null;
  useEffect(
    () => () => {
      if (unsaved.current) void api.call('incidents.updatePostmortem', { id: incidentId, ...unsaved.current }).catch(() => undefined);
    },
    [api, incidentId],
  );

  async function save(next: PostmortemDraft | null = draft) {
    if (!next) return;
    const version = edits.current;
    try {
      await api.call('incidents.updatePostmortem', { id: incidentId, ...next });
      if (edits.current === version) setDirty(false);
      setSaved(`Saved ${clockTime(new Date().toISOString())}`);
      setError(undefined);
    } catch (err) {
      setError(`Not saved: ${errorText(err)}`);
    }
  }

  function exportMarkdown() {
    if (data) downloadText(`${data.incident.ref}-postmortem.md`, data.markdown);
  }

  useViewKeys((event) => {
    if (event.key === 'e') {
      event.preventDefault();
      exportMarkdown();
    } else if (event.key === 'Escape' || event.key === 'c') {
      navigate('incidents', [incidentId]);
    }
  });

  if (query.error && !data) {
    return (
      <section className="view">
        <p className="error-banner" role="alert">
          {query.error}
        </p>
      </section>
    );
  }
  if (!data || !draft) return <section className="view" aria-busy="true" />;
  const { incident } = data;

  const edit = (patch: Partial<PostmortemDraft>, saveNow = false) => {
    edits.current++;
    const next = { ...draft, ...patch };
    setDraft(next);
    setDirty(true);
    if (saveNow) void save(next);
  };
  const editCause = (index: number, patch: Partial<ContributingCause>) => edit({ causes: draft.causes.map((c, i) => (i === index ? { ...c, ...patch } : c)) });

  const textField = (field: 'description' | 'stabilisation' | 'fix' | 'impact' | 'lessons', label: string, prompt: string, rows = 4, fallback?: string) => (
    <label className="incidents-pm-field">
      <span className="incidents-pm-label">{label}</span>
      <span className="muted incidents-pm-prompt">{prompt}</span>
      <textarea
        rows={rows}
        value={draft[field]}
        // An empty description takes the incident summary (ticked done, shown in the preview):
        // the box says so instead of looking empty next to the tick.
        placeholder={fallback ? `Empty: the incident summary is used — ${fallback}` : undefined}
        onChange={(e) => edit({ [field]: e.target.value })}
        onBlur={() => dirty && void save()}
        aria-label={label}
      />
    </label>
  );

  return (
    <section
      className="view incidents-postmortem"
      aria-labelledby="postmortem-title"
      onKeyDown={(e) => {
        if (e.key === 'Escape' && e.target instanceof HTMLElement && ['INPUT', 'TEXTAREA', 'SELECT'].includes(e.target.tagName)) e.target.blur();
      }}
    >
      <header className="view-header incidents-no-print">
        <a href={`#/incidents/${incident.id}`} className="muted">
          ← {incident.ref} console <kbd>c</kbd>
        </a>
        <h1 id="postmortem-title">Postmortem: {incident.title}</h1>
        <div className="incidents-header-actions">
          <button type="button" onClick={() => void save()} disabled={!dirty}>
            Save draft
          </button>
          <button type="button" className="primary" onClick={exportMarkdown}>
            Export Markdown <kbd>e</kbd>
          </button>
          <button type="button" onClick={() => window.print()} title="Print, or save as PDF from the print dialog">
            Print / PDF
          </button>
        </div>
      </header>
      <p className="muted incidents-no-print" role="status">
        {saved ?? (dirty ? 'Unsaved changes' : 'Blameless: ask what in the system allowed it, not who.')}
      </p>
      {error ? <p className="error-banner incidents-no-print" role="alert">{error}</p> : null}
      <div className="incidents-pm-grid">
        <div className="incidents-pm-editor incidents-no-print">
          <section className="card" aria-label="Completeness">
            <h2>Essentials</h2>
            <ul className="incidents-checklist">
              {data.sections.map((s) => (
                <li key={s.id} className={s.complete ? 'complete' : ''}>
                  <span aria-hidden="true">{s.complete ? '✓' : '○'}</span> {s.title}
                  <span className="incidents-sr-only">{s.complete ? ' (complete)' : ' (to do)'}</span>
                </li>
              ))}
            </ul>
            <label>
              Category{' '}
              <select
                aria-label="Category"
                value={incident.category ?? ''}
                onChange={(e) => void api.call('incidents.update', { id: incident.id, category: (e.target.value || null) as (typeof CATEGORIES)[number] | null }).catch((err: unknown) => setError(errorText(err)))}
              >
                <option value="">Not set</option>
                {CATEGORIES.map((c) => (
                  <option key={c} value={c}>
                    {CATEGORY_LABELS[c]}
                  </option>
                ))}
              </select>
            </label>
          </section>
          <section className="card">
            {textField('description', 'Description', POSTMORTEM_PROMPTS.description, 4, incident.summary.trim() || undefined)}
            <div className="incidents-pm-field">
              <span className="incidents-pm-label">Contributing causes</span>
              <span className="muted incidents-pm-prompt">{POSTMORTEM_PROMPTS.causes}</span>
              {draft.causes.map((cause, index) => (
                <fieldset key={cause.id} className="incidents-cause">
                  <legend>Cause {index + 1}</legend>
                  <input aria-label={`Cause ${index + 1}`} value={cause.title} onChange={(e) => editCause(index, { title: e.target.value })} onBlur={() => dirty && void save()} placeholder="A condition in the system" />
                  <ol className="incidents-whys">
                    {cause.whys.map((why, w) => (
                      <li key={w}>
                        <input
                          aria-label={`Cause ${index + 1} why ${w + 1}`}
                          value={why}
                          placeholder={POSTMORTEM_PROMPTS.whys}
                          onChange={(e) => editCause(index, { whys: cause.whys.map((x, i) => (i === w ? e.target.value : x)) })}
                          onBlur={() => dirty && void save()}
                        />
                      </li>
                    ))}
                  </ol>
                  <div className="incidents-form-row">
                    {cause.whys.length < 5 ? (
                      <button type="button" onClick={() => editCause(index, { whys: [...cause.whys, ''] })}>
                        + Why was that possible?
                      </button>
                    ) : null}
                    <button type="button" className="ghost" onClick={() => edit({ causes: draft.causes.filter((_, i) => i !== index) }, true)}>
                      Remove cause
                    </button>
                  </div>
                </fieldset>
              ))}
              <button type="button" onClick={() => edit({ causes: [...draft.causes, { id: newCauseId(), title: '', whys: [''] }] }, true)}>
                + Add contributing cause
              </button>
            </div>
            {textField('stabilisation', 'How it was stabilised', 'What stopped the customer impact (the mitigation)?', 3)}
            {textField('fix', 'How it was fixed', 'What fixed it for good?', 3)}
            {textField('impact', 'Customer impact (notes)', POSTMORTEM_PROMPTS.impact, 3)}
            {textField('lessons', 'Lessons learned', 'What went well, what was hard, where were we lucky?', 3)}
          </section>
          <RemediationsEditor incidentId={incident.id} remediations={data.remediations} />
        </div>
        <article className="card incidents-pm-preview" aria-label="Postmortem preview">
          <Suspense fallback={<div style={{ whiteSpace: 'pre-wrap' }}>{data.markdown}</div>}>
            <PostmortemMarkdown markdown={data.markdown} />
          </Suspense>
        </article>
      </div>
    </section>
  );
}

function RemediationsEditor({ incidentId, remediations }: { incidentId: string; remediations: { id: string; title: string; owner: string | null; dueAt: string | null; priority: (typeof REMEDIATION_PRIORITIES)[number]; status: (typeof REMEDIATION_STATUSES)[number] }[] }) {
  const api = useApi();
  const now = useNow(60_000);
  const [title, setTitle] = useState('');
  const [owner, setOwner] = useState('');
  const [due, setDue] = useState('');
  const [priority, setPriority] = useState<(typeof REMEDIATION_PRIORITIES)[number]>('P2');
  const [error, setError] = useState<string>();

  async function add(event: React.FormEvent) {
    event.preventDefault();
    try {
      await api.call('incidents.addRemediation', { incidentId, title, owner: owner.trim() || undefined, dueAt: due ? new Date(`${due}T17:00:00`).toISOString() : undefined, priority });
      setTitle('');
      setOwner('');
      setDue('');
      setError(undefined);
    } catch (err) {
      setError(errorText(err));
    }
  }

  return (
    <section className="card" aria-label="Remediations">
      <h2>Remediations</h2>
      <p className="muted">{POSTMORTEM_PROMPTS.remediations}</p>
      {remediations.length ? (
        <table className="table">
          <thead>
            <tr>
              <th>Priority</th>
              <th>Remediation</th>
              <th>Owner</th>
              <th>Due</th>
              <th>Status</th>
            </tr>
          </thead>
          <tbody>
            {remediations.map((r) => (
              <tr key={r.id} className={isRemediationOverdue(r, now) ? 'row-warn' : undefined}>
                <td>{r.priority}</td>
                <td>{r.title}</td>
                <td>{r.owner ?? '—'}</td>
                <td>
                  {r.dueAt ? new Date(r.dueAt).toLocaleDateString() : '—'}
                  {isRemediationOverdue(r, now) ? ' (overdue)' : ''}
                </td>
                <td>
                  <select aria-label={`Status of ${r.title}`} value={r.status} onChange={(e) => void api.call('incidents.updateRemediation', { id: r.id, status: e.target.value as (typeof REMEDIATION_STATUSES)[number] })}>
                    {REMEDIATION_STATUSES.map((s) => (
                      <option key={s} value={s}>
                        {s.replace('_', ' ')}
                      </option>
                    ))}
                  </select>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <form onSubmit={add} className="incidents-form-row" aria-label="Add remediation">
        <input className="grow" aria-label="Remediation" value={title} onChange={(e) => setTitle(e.target.value)} placeholder="What we change so it cannot happen this way again" />
        <input aria-label="Remediation owner" value={owner} onChange={(e) => setOwner(e.target.value)} placeholder="Owner" />
        <input aria-label="Remediation due date" type="date" value={due} onChange={(e) => setDue(e.target.value)} />
        <select aria-label="Priority" value={priority} onChange={(e) => setPriority(e.target.value as (typeof REMEDIATION_PRIORITIES)[number])}>
          {REMEDIATION_PRIORITIES.map((p) => (
            <option key={p}>{p}</option>
          ))}
        </select>
        <button type="submit" disabled={!title.trim()}>
          Add
        </button>
      </form>
      {error ? <p className="error-banner" role="alert">{error}</p> : null}
    </section>
  );
}
