import { useEffect, useState } from 'react';
import { useApi } from '../../api';
import type { Schedule } from '../../../../shared/api/contacts';

/** Per schedule: feed URL, refresh, the pattern that finds the person in an event, problems found, remove. */
export function ScheduleSettings({ schedule }: { schedule: Schedule }) {
  const api = useApi();
  const [pattern, setPattern] = useState(schedule.personPattern ?? '');
  const [message, setMessage] = useState<string | null>(null);
  useEffect(() => setPattern(schedule.personPattern ?? ''), [schedule.personPattern]);
  const run = (work: Promise<unknown>, done: string) =>
    void work.then(
      () => setMessage(done),
      (error: Error) => setMessage(error.message),
    );
  return (
    <details className="contacts-schedule-settings">
      <summary>
        Settings{schedule.problems.length ? <span className="warn"> · {schedule.problems.length} problem(s) in the file</span> : null}
      </summary>
      <dl className="facts">
        <dt>Source</dt>
        <dd className="mono">{schedule.url ?? 'imported file'}</dd>
        <dt>Floating times in</dt>
        <dd>{schedule.timeZone}</dd>
        <dt>Cached</dt>
        <dd>
          {schedule.shiftCount} shift(s), {schedule.expandedFrom?.slice(0, 10) ?? '—'} … {schedule.expandedTo?.slice(0, 10) ?? '—'}
        </dd>
      </dl>
      <form
        className="contacts-pattern-form"
        onSubmit={(e) => {
          e.preventDefault();
          run(api.call('schedules.update', { id: schedule.id, personPattern: pattern.trim() || null }), 'Pattern saved; shifts mapped again.');
        }}
      >
        <label className="contacts-field">
          <span>Person pattern (regex, first group or (?&lt;person&gt;…) is the person)</span>
          <input value={pattern} placeholder="e.g. Primary: (.+)" onChange={(e) => setPattern(e.target.value)} aria-label={`Person pattern for ${schedule.name}`} />
        </label>
        <button type="submit">Save pattern</button>
      </form>
      <div className="contacts-editor-actions">
        {schedule.url ? (
          <button type="button" onClick={() => run(api.call('schedules.refresh', { id: schedule.id }), 'Refreshed.')}>
            Refresh now
          </button>
        ) : null}
        <button
          type="button"
          className="ghost"
          onClick={() => {
            if (window.confirm(`Remove schedule ${schedule.name}?`)) run(api.call('schedules.remove', { id: schedule.id }), 'Removed.');
          }}
        >
          Remove schedule
        </button>
      </div>
      {message ? <p className="muted" role="status">{message}</p> : null}
      {schedule.problems.length ? (
        <ul className="contacts-schedule-problems">
          {schedule.problems.map((p, i) => (
            <li key={i}>
              <span className="mono">{p.item}</span>: {p.reason}
            </li>
          ))}
        </ul>
      ) : null}
    </details>
  );
}
