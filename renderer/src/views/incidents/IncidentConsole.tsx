import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { ApiCallError, useApi } from '../../api';
import { copyText } from '../../components/clipboard';
import { useApiQuery } from '../../components/useApiQuery';
import { useNow } from '../../components/useNow';
import { useUiStore } from '../../state/uiStore';
import type { IncidentDetail, TimelineEntry } from '../../../../shared/api/incidents';
import { INCIDENT_STATUSES, MANUAL_ENTRY_KINDS, ROLE_LABELS, STANDARD_ROLES } from '../../../../shared/domain/incidentVocabulary';
import {
  COMMS_TEMPLATES,
  computeMetrics,
  formatDuration,
  isTaskOverdue,
  nextUpdateCountdown,
  renderCommsTemplate,
} from '../../../../shared/domain/incidents';
import { clockTime, contactSuggestions, downloadText, fromLocalInput, parseClockTime, toLocalInput, useViewKeys } from './incidentUi';
import { textAfterSave, useOneSaveAtATime } from './typedAhead';

type ManualKind = (typeof MANUAL_ENTRY_KINDS)[number];
const TIMELINE_PAGE = 300;
type Status = (typeof INCIDENT_STATUSES)[number];

const KIND_KEYS: Record<string, ManualKind> = { n: 'note', a: 'action', d: 'decision', h: 'hypothesis' };
const KIND_LABELS: Record<TimelineEntry['kind'], string> = {
  note: 'Note',
  action: 'Action',
  decision: 'Decision',
  hypothesis: 'Hypothesis',
  comms: 'Comms',
  status: 'Status',
  role: 'Role',
  severity: 'Severity',
  task: 'Task',
  key_time: 'Key time',
  alert: 'Alert',
  change: 'Change',
};
const STATUS_LABELS: Record<Status, string> = {
  investigating: 'Investigating',
  identified: 'Identified',
  stable: 'Stable (mitigated)',
  resolved: 'Resolved',
};

function errorText(err: unknown): string {
  return err instanceof ApiCallError ? err.message : String(err);
}

/** The battle captain's console: timeline in the middle, everything to follow up around it. */
export function IncidentConsole({ incidentId }: { incidentId: string }) {
  const query = useApiQuery('incidents.get', { id: incidentId }, ['incidents.changed', 'changes.changed', 'alerts.changed']);
  const navigate = useUiStore((s) => s.navigate);
  const [composerKind, setComposerKind] = useState<ManualKind>('note');
  const [pendingStatus, setPendingStatus] = useState<Status | null>(null);
  const [handoffOpen, setHandoffOpen] = useState(false);
  const composerRef = useRef<HTMLInputElement>(null);
  const taskRef = useRef<HTMLInputElement>(null);
  const commsRef = useRef<HTMLTextAreaElement>(null);
  const roleRef = useRef<HTMLInputElement>(null);

  useViewKeys((event) => {
    const kind = KIND_KEYS[event.key];
    if (kind) {
      event.preventDefault();
      setComposerKind(kind);
      composerRef.current?.focus();
    } else if (event.key === 'k') {
      event.preventDefault();
      taskRef.current?.focus();
    } else if (event.key === 'u') {
      event.preventDefault();
      commsRef.current?.focus();
    } else if (event.key === 'r') {
      event.preventDefault();
      roleRef.current?.focus();
    } else if (['1', '2', '3', '4'].includes(event.key)) {
      event.preventDefault();
      setPendingStatus(INCIDENT_STATUSES[Number(event.key) - 1]!);
    } else if (event.key === 'H') {
      event.preventDefault();
      setHandoffOpen(true);
    } else if (event.key === 'p') {
      event.preventDefault();
      navigate('incidents', [incidentId, 'postmortem']);
    }
    // No Esc-to-leave here: a captain presses Esc out of habit to leave a box, never to lose the console.
  });

  if (query.error && !query.data) {
    return (
      <section className="view">
        <p className="error-banner" role="alert">
          {query.error}
        </p>
        <a href="#/incidents">Back to incidents</a>
      </section>
    );
  }
  const detail = query.data;
  if (!detail) return <section className="view" aria-busy="true" />;
  const { incident } = detail;

  return (
    <section
      className="view incidents-console"
      aria-labelledby="incident-title"
      onKeyDown={(e) => {
        // Esc leaves whatever box the captain is typing in, so the one-key shortcuts work again.
        if (e.key === 'Escape' && e.target instanceof HTMLElement && ['INPUT', 'TEXTAREA', 'SELECT'].includes(e.target.tagName)) e.target.blur();
      }}
    >
      <ConsoleHeader detail={detail} onStatus={setPendingStatus} onHandoff={() => setHandoffOpen(true)} />
      <div className="incidents-console-grid">
        <div className="incidents-main">
          <Composer incidentId={incident.id} kind={composerKind} onKind={setComposerKind} inputRef={composerRef} />
          <Timeline entries={detail.timeline} />
        </div>
        <aside className="incidents-side" aria-label="Follow-up">
          <CommsPanel detail={detail} textRef={commsRef} />
          <TasksPanel detail={detail} titleRef={taskRef} />
          <RolesPanel detail={detail} personRef={roleRef} />
          <KeyTimesPanel detail={detail} />
          <SuspectsPanel detail={detail} />
        </aside>
      </div>
      {pendingStatus ? <StatusConfirm incidentId={incident.id} from={incident.status} to={pendingStatus} onClose={() => setPendingStatus(null)} /> : null}
      {handoffOpen ? <HandoffDialog incidentId={incident.id} fileBase={incident.ref} onClose={() => setHandoffOpen(false)} /> : null}
    </section>
  );
}

function ConsoleHeader({ detail, onStatus, onHandoff }: { detail: IncidentDetail; onStatus(status: Status): void; onHandoff(): void }) {
  const api = useApi();
  const { incident } = detail;
  const [error, setError] = useState<string>();
  const currentIndex = INCIDENT_STATUSES.indexOf(incident.status);
  return (
    <header className="incidents-console-header">
      <div className="incidents-title-row">
        <a href="#/incidents" className="muted">
          Incidents
        </a>
        <span className="mono muted">{incident.ref}</span>
        <h1 id="incident-title">{incident.title}</h1>
        <select
          className={`incidents-sev sev${incident.severity}`}
          aria-label="Severity"
          value={incident.severity}
          onChange={(e) => api.call('incidents.update', { id: incident.id, severity: Number(e.target.value) as 1 | 2 | 3 }).catch((err: unknown) => setError(errorText(err)))}
        >
          <option value={1}>Sev1</option>
          <option value={2}>Sev2</option>
          <option value={3}>Sev3</option>
        </select>
        {incident.service ? <span className="pill">{incident.service}</span> : null}
        <div className="incidents-header-actions">
          <button type="button" onClick={onHandoff}>
            Handoff brief <kbd>H</kbd>
          </button>
          <a className="incidents-button-link" href={`#/incidents/${incident.id}/postmortem`}>
            Postmortem <kbd>p</kbd>
          </a>
        </div>
      </div>
      <ol className="incidents-stepper" aria-label="Status">
        {INCIDENT_STATUSES.map((status, index) => (
          <li key={status} className={index < currentIndex ? 'done' : index === currentIndex ? 'current' : ''} aria-current={index === currentIndex ? 'step' : undefined}>
            <button type="button" onClick={() => onStatus(status)} disabled={index === currentIndex}>
              <kbd>{index + 1}</kbd> {STATUS_LABELS[status]}
            </button>
          </li>
        ))}
      </ol>
      <p className="muted incidents-keys" aria-label="Console keys">
        <kbd>n</kbd> note · <kbd>a</kbd> action · <kbd>d</kbd> decision · <kbd>h</kbd> hypothesis · <kbd>k</kbd> task · <kbd>u</kbd> comms update · <kbd>r</kbd> role · <kbd>1</kbd>–<kbd>4</kbd> status ·{' '}
        <kbd>H</kbd> handoff · <kbd>p</kbd> postmortem · <kbd>Esc</kbd> leave a box
      </p>
      {error ? <p className="error-banner" role="alert">{error}</p> : null}
    </header>
  );
}

function StatusConfirm({ incidentId, from, to, onClose }: { incidentId: string; from: Status; to: Status; onClose(): void }) {
  const api = useApi();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string>();
  // The reason box has the focus, not the Confirm button: a captain who starts typing a reason
  // would otherwise confirm with the first space and send the rest of it to the console's keys.
  // Enter in the box confirms, so "4 Enter" still resolves.
  const reasonRef = useRef<HTMLInputElement>(null);
  useEffect(() => reasonRef.current?.focus(), []);
  async function confirm() {
    try {
      await api.call('incidents.update', { id: incidentId, status: to, reason: reason.trim() || undefined });
      onClose();
    } catch (err) {
      setError(errorText(err));
    }
  }
  return (
    <div className="overlay" onMouseDown={onClose}>
      <div
        className="palette incidents-dialog"
        role="dialog"
        aria-modal="true"
        aria-label="Change status"
        onMouseDown={(e) => e.stopPropagation()}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.stopPropagation(); // Esc closes the dialog, not the console behind it
            onClose();
          }
        }}
      >
        <h2>
          {from === to ? `Already ${STATUS_LABELS[to]}` : `Mark ${STATUS_LABELS[to].toLowerCase()}?`}
        </h2>
        <p className="muted">
          {to === 'stable' ? 'Stable means the customer impact has stopped; the stable time is recorded now unless set already.' : null}
          {to === 'resolved' ? 'Resolved records the resolve time and stops the comms countdown.' : null}
        </p>
        <input ref={reasonRef} placeholder="Reason (optional)" value={reason} onChange={(e) => setReason(e.target.value)} onKeyDown={(e) => e.key === 'Enter' && void confirm()} aria-label="Reason" />
        {error ? <p className="error-banner" role="alert">{error}</p> : null}
        <div className="incidents-form-actions">
          <button type="button" className="primary" onClick={() => void confirm()} disabled={from === to}>
            Confirm <kbd>Enter</kbd>
          </button>
          <button type="button" onClick={onClose}>
            Cancel <kbd>Esc</kbd>
          </button>
        </div>
      </div>
    </div>
  );
}

function HandoffDialog({ incidentId, fileBase, onClose }: { incidentId: string; fileBase: string; onClose(): void }) {
  const brief = useApiQuery('incidents.handoff', { id: incidentId }, ['incidents.changed']);
  const [copied, setCopied] = useState(false);
  const closeRef = useRef<HTMLButtonElement>(null);
  useEffect(() => closeRef.current?.focus(), []);
  const markdown = brief.data?.markdown ?? '';
  return (
    <div className="overlay" onMouseDown={onClose}>
      <div className="palette incidents-dialog wide" role="dialog" aria-modal="true" aria-label="Handoff brief" onMouseDown={(e) => e.stopPropagation()} onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.stopPropagation();
            onClose();
          }
        }}
      >
        <h2>Handoff brief</h2>
        <pre className="incidents-markdown" aria-label="Handoff Markdown">
          {markdown}
        </pre>
        <div className="incidents-form-actions">
          <button
            type="button"
            className="primary"
            onClick={() =>
              void copyText(markdown).then(setCopied)
            }
          >
            {copied ? 'Copied' : 'Copy Markdown'}
          </button>
          <button type="button" onClick={() => downloadText(`${fileBase}-handoff.md`, markdown)}>
            Download .md
          </button>
          <button ref={closeRef} type="button" onClick={onClose}>
            Close <kbd>Esc</kbd>
          </button>
        </div>
      </div>
    </div>
  );
}

function Composer({ incidentId, kind, onKind, inputRef }: { incidentId: string; kind: ManualKind; onKind(kind: ManualKind): void; inputRef: React.RefObject<HTMLInputElement | null> }) {
  const api = useApi();
  const [text, setText] = useState('');
  const [at, setAt] = useState('');
  const [status, setStatus] = useState<{ ok: boolean; message: string }>();
  const { request } = useOneSaveAtATime(save);

  function submit(event: React.FormEvent) {
    event.preventDefault();
    request();
  }

  async function save(): Promise<boolean> {
    if (!text.trim()) return true;
    let occurredAt: string | undefined;
    if (at.trim()) {
      occurredAt = parseClockTime(at, Date.now());
      if (!occurredAt) {
        setStatus({ ok: false, message: 'Time must look like 14:05 or 14:05:30' });
        return false;
      }
    }
    try {
      // The text stays in the box until the entry is committed: nothing typed is lost on a failure,
      // nor what was typed after Enter while it was saving.
      const sentAt = at;
      const entry = await api.call('incidents.addEntry', { incidentId, kind, text, occurredAt });
      setText((current) => textAfterSave(current, text));
      setAt((current) => (current === sentAt ? '' : current));
      setStatus({ ok: true, message: `Saved ${KIND_LABELS[entry.kind].toLowerCase()} at ${clockTime(entry.occurredAt)}` });
      return true;
    } catch (err) {
      setStatus({ ok: false, message: `Not saved: ${errorText(err)}` });
      return false;
    }
  }

  return (
    <form className="card incidents-composer" onSubmit={submit} aria-label="Add timeline entry">
      <div className="incidents-kind-tabs" role="radiogroup" aria-label="Entry kind">
        {MANUAL_ENTRY_KINDS.filter((k) => k !== 'comms').map((k) => (
          <button key={k} type="button" role="radio" aria-checked={kind === k} className={kind === k ? 'active' : ''} onClick={() => onKind(k)}>
            {KIND_LABELS[k]} <kbd>{Object.entries(KIND_KEYS).find(([, v]) => v === k)?.[0]}</kbd>
          </button>
        ))}
      </div>
      <div className="incidents-form-row">
        <input
          ref={inputRef}
          className="grow"
          value={text}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => e.key === 'Escape' && e.currentTarget.blur()}
          placeholder={`${KIND_LABELS[kind]}… (Enter to save)`}
          aria-label="Entry text"
        />
        <input className="incidents-time-input" value={at} onChange={(e) => setAt(e.target.value)} placeholder="now" aria-label="Time (HH:MM, empty for now)" title="Back-fill: when it happened (HH:MM), empty for now" />
        {/* Not disabled while saving: a disabled default button makes Enter in the box do nothing. */}
        <button type="submit" className="primary" disabled={!text.trim()}>
          Add
        </button>
      </div>
      {status ? (
        <p role="status" className={status.ok ? 'incidents-saved' : 'error-banner'}>
          {status.message}
        </p>
      ) : null}
    </form>
  );
}

function Timeline({ entries }: { entries: TimelineEntry[] }) {
  const api = useApi();
  const [kindFilter, setKindFilter] = useState<'all' | 'person'>('all');
  const [showAll, setShowAll] = useState(false);
  const matching = useMemo(() => [...(kindFilter === 'all' ? entries : entries.filter((e) => e.origin === 'person'))].reverse(), [entries, kindFilter]);
  // Newest first; a day-long outage has thousands of entries, so older ones render on request.
  const shown = showAll ? matching : matching.slice(0, TIMELINE_PAGE);
  return (
    <div className="card incidents-timeline">
      <div className="incidents-card-title">
        <h2>Timeline</h2>
        <label className="muted">
          <input type="checkbox" checked={kindFilter === 'person'} onChange={(e) => setKindFilter(e.target.checked ? 'person' : 'all')} /> Only typed entries
        </label>
      </div>
      {shown.length === 0 ? <p className="muted">Nothing yet.</p> : null}
      <ol className="incidents-entries" aria-label="Timeline entries">
        {shown.map((e) => {
          const backfilled = e.originalOccurredAt !== null || Math.abs(Date.parse(e.recordedAt) - Date.parse(e.occurredAt)) > 60_000;
          return (
            <li key={e.id} className={`incidents-entry kind-${e.kind} origin-${e.origin}`}>
              {e.origin === 'person' ? (
                <EntryTime entry={e} />
              ) : (
                <time dateTime={e.occurredAt} className="mono">
                  {clockTime(e.occurredAt)}
                </time>
              )}
              <span className={`incidents-kind kind-${e.kind}`}>{KIND_LABELS[e.kind]}</span>
              <span className="incidents-entry-text">
                {e.text}
                {e.kind === 'hypothesis' ? (
                  <span className={`incidents-hypothesis ${e.hypothesisState ?? 'open'}`}>
                    {e.hypothesisState ?? 'open'}
                    {e.hypothesisState === 'open' ? (
                      <>
                        <button type="button" className="ghost" onClick={() => void api.call('incidents.updateEntry', { id: e.id, hypothesisState: 'confirmed' })}>
                          confirm
                        </button>
                        <button type="button" className="ghost" onClick={() => void api.call('incidents.updateEntry', { id: e.id, hypothesisState: 'refuted' })}>
                          refute
                        </button>
                      </>
                    ) : null}
                  </span>
                ) : null}
                {backfilled ? <span className="incidents-backfilled" title={`Typed at ${clockTime(e.recordedAt)}`}>back-filled</span> : null}
              </span>
              <span className="muted incidents-author">{e.author}</span>
            </li>
          );
        })}
      </ol>
      {matching.length > shown.length ? (
        <button type="button" className="ghost" onClick={() => setShowAll(true)}>
          Show {matching.length - shown.length} older entries
        </button>
      ) : null}
    </div>
  );
}

/** The entry's time; click to correct it (back-filling), the original time is kept by the store. */
function EntryTime({ entry }: { entry: TimelineEntry }) {
  const api = useApi();
  const [editing, setEditing] = useState(false);
  const [value, setValue] = useState('');
  const [error, setError] = useState<string>();
  const title = `Recorded ${clockTime(entry.recordedAt)}${entry.originalOccurredAt ? `; originally ${clockTime(entry.originalOccurredAt)}` : ''}. Click to correct the time.`;
  if (!editing) {
    return (
      <button
        type="button"
        className="ghost mono incidents-entry-time"
        title={title}
        onClick={() => {
          setValue(clockTime(entry.occurredAt));
          setEditing(true);
        }}
      >
        <time dateTime={entry.occurredAt}>{clockTime(entry.occurredAt)}</time>
      </button>
    );
  }
  async function save() {
    const occurredAt = parseClockTime(value, Date.now());
    if (!occurredAt) {
      setError('HH:MM or HH:MM:SS');
      return;
    }
    try {
      await api.call('incidents.updateEntry', { id: entry.id, occurredAt });
      setEditing(false);
    } catch (err) {
      setError(errorText(err));
    }
  }
  return (
    <span>
      <input
        autoFocus
        className="incidents-time-input mono"
        aria-label="Correct entry time"
        value={value}
        onChange={(e) => setValue(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') void save();
          if (e.key === 'Escape') setEditing(false);
        }}
        onBlur={() => setEditing(false)}
        title={error ?? 'Enter to save, Esc to cancel'}
        aria-invalid={error ? true : undefined}
      />
    </span>
  );
}

function Panel({ title, children, extra }: { title: string; children: ReactNode; extra?: ReactNode }) {
  return (
    <section className="card incidents-panel" aria-label={title}>
      <div className="incidents-card-title">
        <h2>{title}</h2>
        {extra}
      </div>
      {children}
    </section>
  );
}

function CommsPanel({ detail, textRef }: { detail: IncidentDetail; textRef: React.RefObject<HTMLTextAreaElement | null> }) {
  const api = useApi();
  const now = useNow(1000);
  const { incident } = detail;
  const countdown = nextUpdateCountdown(incident.nextUpdateAt, now);
  const [audience, setAudience] = useState('Customers');
  const [channel, setChannel] = useState('Status page');
  const [text, setText] = useState('');
  const [minutes, setMinutes] = useState('30');
  const [error, setError] = useState<string>();
  const last = detail.comms[detail.comms.length - 1];

  function applyTemplate(id: string) {
    const template = COMMS_TEMPLATES.find((t) => t.id === id);
    if (!template) return;
    const next = Number(minutes) > 0 ? new Date(Date.now() + Number(minutes) * 60_000).toISOString() : null;
    setAudience(template.audience);
    setChannel(template.channel);
    setText(renderCommsTemplate(template, incident, next, (iso) => new Date(iso).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', hour12: false })));
  }

  const { request } = useOneSaveAtATime(save);
  function submit(event: React.FormEvent) {
    event.preventDefault();
    request();
  }

  async function save(): Promise<boolean> {
    if (!text.trim()) return true;
    const nextUpdateMinutes = minutes.trim() ? Number(minutes) : undefined;
    if (nextUpdateMinutes !== undefined && !(Number.isInteger(nextUpdateMinutes) && nextUpdateMinutes > 0)) {
      setError('Next update: whole minutes, e.g. 30');
      return false;
    }
    try {
      await api.call('incidents.logComms', { incidentId: incident.id, audience, channel, text, nextUpdateMinutes });
      setText((current) => textAfterSave(current, text));
      setError(undefined);
      return true;
    } catch (err) {
      setError(errorText(err));
      return false;
    }
  }

  return (
    <Panel title="Communications">
      <div className={`incidents-countdown ${countdown.state}`} role="timer" aria-live="off" aria-label="Next update countdown">
        {countdown.label}
        {countdown.state === 'due_soon' ? <strong> — prepare the update</strong> : null}
      </div>
      {last ? (
        <p className="muted incidents-last-comms">
          Last: {clockTime(last.sentAt)} to {last.audience} via {last.channel}
        </p>
      ) : (
        <p className="muted">No update sent yet.</p>
      )}
      <form onSubmit={submit} aria-label="Log comms update" className="incidents-stack">
        <select aria-label="Template" value="" onChange={(e) => applyTemplate(e.target.value)}>
          <option value="">Template…</option>
          {COMMS_TEMPLATES.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
        </select>
        <div className="incidents-form-row">
          <input aria-label="Audience" value={audience} onChange={(e) => setAudience(e.target.value)} placeholder="Audience" />
          <input aria-label="Channel" value={channel} onChange={(e) => setChannel(e.target.value)} placeholder="Channel" />
        </div>
        <textarea
          ref={textRef}
          aria-label="Update text"
          rows={3}
          value={text}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) submit(e);
            if (e.key === 'Escape') e.currentTarget.blur();
          }}
          placeholder="What we tell them (Ctrl+Enter to log)"
        />
        <div className="incidents-form-row">
          <label>
            Next update in{' '}
            <input className="incidents-minutes" aria-label="Next update in minutes" value={minutes} onChange={(e) => setMinutes(e.target.value)} inputMode="numeric" /> min
          </label>
          <button type="submit" className="primary" disabled={!text.trim()}>
            Log update <kbd>u</kbd>
          </button>
        </div>
        {error ? <p className="error-banner" role="alert">{error}</p> : null}
      </form>
    </Panel>
  );
}

function TasksPanel({ detail, titleRef }: { detail: IncidentDetail; titleRef: React.RefObject<HTMLInputElement | null> }) {
  const api = useApi();
  const now = useNow(15_000);
  const [title, setTitle] = useState('');
  const [owner, setOwner] = useState('');
  const [dueMinutes, setDueMinutes] = useState('15');
  const [error, setError] = useState<string>();
  const tasks = [...detail.tasks].sort((a, b) => (a.status === b.status ? (a.dueAt ?? '9').localeCompare(b.dueAt ?? '9') : a.status === 'open' ? -1 : 1));

  const { request } = useOneSaveAtATime(save);
  function submit(event: React.FormEvent) {
    event.preventDefault();
    request();
  }

  async function save(): Promise<boolean> {
    if (!title.trim()) return true;
    const minutes = dueMinutes.trim() ? Number(dueMinutes) : undefined;
    if (minutes !== undefined && !(minutes > 0)) {
      setError('Due in: minutes, e.g. 15');
      return false;
    }
    try {
      await api.call('incidents.addTask', { incidentId: detail.incident.id, title, owner: owner.trim() || undefined, dueAt: minutes ? new Date(Date.now() + minutes * 60_000).toISOString() : undefined });
      setTitle((current) => textAfterSave(current, title));
      setOwner((current) => (current === owner ? '' : current));
      setError(undefined);
      return true;
    } catch (err) {
      setError(errorText(err));
      return false;
    }
  }

  const overdue = tasks.filter((t) => isTaskOverdue(t, now)).length;
  return (
    <Panel title="Tasks" extra={overdue ? <span className="pill danger">{overdue} overdue</span> : null}>
      <ul className="incidents-tasks" aria-label="Tasks">
        {tasks.map((t) => {
          const late = isTaskOverdue(t, now);
          return (
            <li key={t.id} className={`${t.status !== 'open' ? 'done' : ''} ${late ? 'overdue' : ''}`}>
              <label>
                <input
                  type="checkbox"
                  checked={t.status === 'done'}
                  onChange={(e) => void api.call('incidents.updateTask', { id: t.id, status: e.target.checked ? 'done' : 'open' })}
                  aria-label={`Done: ${t.title}`}
                />
                <span>{t.title}</span>
              </label>
              <span className="muted">
                {t.owner ?? 'no owner'}
                {t.dueAt ? (late ? ` · overdue ${formatDuration(now - Date.parse(t.dueAt))}` : t.status === 'open' ? ` · due in ${formatDuration(Date.parse(t.dueAt) - now)}` : '') : ''}
              </span>
            </li>
          );
        })}
      </ul>
      <form onSubmit={submit} aria-label="Add task" className="incidents-stack">
        <input ref={titleRef} aria-label="Task" value={title} onChange={(e) => setTitle(e.target.value)} onKeyDown={(e) => e.key === 'Escape' && e.currentTarget.blur()} placeholder="Check the logs on db3  (k)" />
        <div className="incidents-form-row">
          <input aria-label="Task owner" value={owner} onChange={(e) => setOwner(e.target.value)} placeholder="Owner" />
          <label>
            due in <input className="incidents-minutes" aria-label="Due in minutes" value={dueMinutes} onChange={(e) => setDueMinutes(e.target.value)} inputMode="numeric" /> min
          </label>
          <button type="submit" disabled={!title.trim()}>
            Add task
          </button>
        </div>
        {error ? <p className="error-banner" role="alert">{error}</p> : null}
      </form>
    </Panel>
  );
}

function RolesPanel({ detail, personRef }: { detail: IncidentDetail; personRef: React.RefObject<HTMLInputElement | null> }) {
  const api = useApi();
  const [role, setRole] = useState<string>('commander');
  const [customRole, setCustomRole] = useState('');
  const [person, setPerson] = useState('');
  const [suggestions, setSuggestions] = useState<{ id: string; name: string }[]>([]);
  const [error, setError] = useState<string>();
  const [showHistory, setShowHistory] = useState(false);
  const current = detail.roles.filter((r) => r.releasedAt === null);
  const handoffs = detail.roles.filter((r) => r.releasedAt !== null);
  const roleNames = [...STANDARD_ROLES, ...new Set(current.map((r) => r.role).filter((r) => !(STANDARD_ROLES as readonly string[]).includes(r)))];

  useEffect(() => {
    let stale = false;
    void contactSuggestions(api, person).then((list) => !stale && setSuggestions(list));
    return () => {
      stale = true;
    };
  }, [api, person]);

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    const roleName = role === 'custom' ? customRole.trim() : role;
    if (!roleName) {
      setError('Name the custom role');
      return;
    }
    const contact = suggestions.find((s) => s.name === person.trim());
    try {
      await api.call('incidents.assignRole', { incidentId: detail.incident.id, role: roleName, person: person.trim(), contactId: contact?.id });
      setPerson((current) => textAfterSave(current, person));
      setError(undefined);
    } catch (err) {
      setError(errorText(err));
    }
  }

  return (
    <Panel title="Roles">
      <dl className="facts incidents-roles">
        {roleNames.map((r) => (
          <div key={r} className="incidents-role-row">
            <dt>{ROLE_LABELS[r] ?? r}</dt>
            <dd>{current.find((c) => c.role === r)?.person ?? <span className="muted">unassigned</span>}</dd>
          </div>
        ))}
      </dl>
      <form onSubmit={submit} aria-label="Assign role" className="incidents-form-row">
        <select aria-label="Role" value={role} onChange={(e) => setRole(e.target.value)}>
          {STANDARD_ROLES.map((r) => (
            <option key={r} value={r}>
              {ROLE_LABELS[r]}
            </option>
          ))}
          <option value="custom">Custom…</option>
        </select>
        {role === 'custom' ? <input aria-label="Custom role" value={customRole} onChange={(e) => setCustomRole(e.target.value)} placeholder="e.g. Database SME" /> : null}
        <input ref={personRef} aria-label="Person" list="incidents-contacts" value={person} onChange={(e) => setPerson(e.target.value)} placeholder="Name or contact  (r)" />
        <datalist id="incidents-contacts">
          {suggestions.map((s) => (
            <option key={s.id} value={s.name} />
          ))}
        </datalist>
        <button type="submit" disabled={!person.trim()}>
          Assign
        </button>
      </form>
      {error ? <p className="error-banner" role="alert">{error}</p> : null}
      {handoffs.length ? (
        <button type="button" className="ghost" onClick={() => setShowHistory((v) => !v)}>
          {showHistory ? 'Hide' : 'Show'} {handoffs.length} handoff{handoffs.length > 1 ? 's' : ''}
        </button>
      ) : null}
      {showHistory ? (
        <ul className="incidents-handoffs">
          {handoffs.map((h) => (
            <li key={h.id}>
              {ROLE_LABELS[h.role] ?? h.role}: {h.person} {clockTime(h.assignedAt)}–{clockTime(h.releasedAt!)}
            </li>
          ))}
        </ul>
      ) : null}
    </Panel>
  );
}

const KEY_TIMES: { field: keyof IncidentDetail['incident']['keyTimes']; label: string }[] = [
  { field: 'impactStartAt', label: 'Customer impact start' },
  { field: 'detectedAt', label: 'Detected' },
  { field: 'acknowledgedAt', label: 'Acknowledged' },
  { field: 'stableAt', label: 'Stable' },
  { field: 'resolvedAt', label: 'Resolved' },
];

function KeyTimesPanel({ detail }: { detail: IncidentDetail }) {
  const api = useApi();
  const now = useNow(15_000);
  const { incident } = detail;
  const metrics = computeMetrics(incident.keyTimes, incident.customersAffected, now);
  const [editing, setEditing] = useState<string | null>(null);
  const [value, setValue] = useState('');
  const [error, setError] = useState<string>();

  async function save(field: string) {
    try {
      await api.call('incidents.update', { id: incident.id, keyTimes: { [field]: fromLocalInput(value) ?? null }, reason: 'corrected in the console' });
      setEditing(null);
      setError(undefined);
    } catch (err) {
      setError(errorText(err));
    }
  }

  return (
    <Panel title="Key times">
      <table className="table incidents-keytimes">
        <tbody>
          {KEY_TIMES.map(({ field, label }) => (
            <tr key={field}>
              <th scope="row">{label}</th>
              <td>
                {editing === field ? (
                  <span className="incidents-form-row">
                    <input type="datetime-local" aria-label={label} value={value} onChange={(e) => setValue(e.target.value)} onKeyDown={(e) => e.key === 'Enter' && void save(field)} />
                    <button type="button" onClick={() => void save(field)}>
                      Save
                    </button>
                  </span>
                ) : (
                  <button
                    type="button"
                    className="ghost"
                    title="Edit (the change is kept in the history)"
                    onClick={() => {
                      setEditing(field);
                      setValue(toLocalInput(incident.keyTimes[field]));
                    }}
                  >
                    {incident.keyTimes[field] ? new Date(incident.keyTimes[field]!).toLocaleString(undefined, { hour12: false }) : '—'}
                  </button>
                )}
              </td>
            </tr>
          ))}
          <tr>
            <th scope="row">Detected by</th>
            <td>
              <select
                aria-label="Detected by"
                value={incident.detectionMethod ?? ''}
                onChange={(e) => void api.call('incidents.update', { id: incident.id, detectionMethod: (e.target.value || null) as 'monitoring' | null })}
              >
                <option value="">unknown</option>
                <option value="monitoring">Monitoring</option>
                <option value="customer_report">Customer report</option>
                <option value="internal">Internal</option>
              </select>
            </td>
          </tr>
          <tr>
            <th scope="row">Customers affected</th>
            <td>
              <input
                className="incidents-minutes"
                aria-label="Customers affected"
                defaultValue={incident.customersAffected ?? ''}
                key={incident.customersAffected ?? 'none'}
                inputMode="numeric"
                onBlur={(e) => {
                  const n = e.target.value.trim() === '' ? null : Number(e.target.value);
                  if (n === null || (Number.isInteger(n) && n >= 0)) void api.call('incidents.update', { id: incident.id, customersAffected: n });
                }}
              />
            </td>
          </tr>
        </tbody>
      </table>
      {error ? <p className="error-banner" role="alert">{error}</p> : null}
      <dl className="facts incidents-metrics" aria-label="Derived metrics">
        <dt>Time to detect</dt>
        <dd>{formatDuration(metrics.timeToDetectMs)}</dd>
        <dt>Time to acknowledge</dt>
        <dd>{formatDuration(metrics.timeToAcknowledgeMs)}</dd>
        <dt>Impact duration</dt>
        <dd>
          {formatDuration(metrics.timeToStableMs)}
          {metrics.impactOngoing ? ' (ongoing)' : ''}
        </dd>
        <dt>Time to resolve</dt>
        <dd>{formatDuration(metrics.timeToResolveMs)}</dd>
        <dt>Customer impact minutes</dt>
        <dd>{metrics.customerImpactMinutes ?? '—'}</dd>
      </dl>
      {metrics.problems.map((p) => (
        <p key={p} className="error-banner">
          {p}
        </p>
      ))}
      {detail.history.length ? (
        <details className="incidents-history">
          <summary>History ({detail.history.length})</summary>
          <ul>
            {detail.history.map((h) => (
              <li key={h.id}>
                {clockTime(h.at)} {h.field}: {h.oldValue ?? '—'} → {h.newValue ?? '—'} ({h.author}
                {h.reason ? `: ${h.reason}` : ''})
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </Panel>
  );
}

function SuspectsPanel({ detail }: { detail: IncidentDetail }) {
  if (!detail.feeds.changes) {
    return (
      <Panel title="Suspect changes">
        <p className="muted">The change log is not available in this build.</p>
      </Panel>
    );
  }
  return (
    <Panel title="Suspect changes">
      {detail.suspects.length === 0 ? <p className="muted">No changes recorded in the 4 h before impact start.</p> : null}
      <ol className="incidents-suspects">
        {detail.suspects.map((s) => (
          <li key={s.id}>
            <div>
              <strong>{s.title}</strong> <span className="muted">{clockTime(s.at)}{s.author ? ` · ${s.author}` : ''}</span>
            </div>
            <div className="muted">{s.reasons.join(' · ')}</div>
            {s.rollbackCommand ? (
              <div className="incidents-rollback">
                <code className="mono">{s.rollbackCommand}</code>
                <button type="button" className="ghost" onClick={() => void copyText(s.rollbackCommand!)}>
                  Copy
                </button>
              </div>
            ) : null}
          </li>
        ))}
      </ol>
    </Panel>
  );
}
