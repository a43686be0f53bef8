import { useApiQuery } from '../../components/useApiQuery';
import { formatAgo } from '../../components/format';
import { useNow } from '../../components/useNow';
import type { Shift } from '../../../../shared/api/contacts';
import { ScheduleSettings } from './ScheduleSettings';
import { formatRelative, formatShiftTime, localTimeIn, preferredPhone, shiftHolderName, staffedFirst, telHref } from './contactFormat';
import { useOnCallNow } from './useOnCallNow';

function Person({ shift, now }: { shift: Shift; now: number }) {
  const phone = shift.contact ? preferredPhone(shift.contact.phones) : null;
  const local = localTimeIn(shift.contact?.tz, now);
  return (
    <span className="contacts-oncall-person">
      <strong>{shiftHolderName(shift)}</strong>
      {phone ? (
        <a className="contacts-tel" href={telHref(phone)}>
          {phone}
        </a>
      ) : null}
      {!shift.contact ? <span className="muted" title="No contact matches this name or email"> (no contact card)</span> : null}
      {local ? <span className="muted"> · their time {local.time}</span> : null}
    </span>
  );
}

/** Who holds the pager now and next, per schedule, computed from the local cache. */
export function OnCallPanel() {
  const now = useNow(30_000);
  const oncall = useOnCallNow();
  const scheduleList = useApiQuery('schedules.list', {}, ['schedules.changed']);
  const schedules = staffedFirst(oncall.data?.schedules ?? []);
  return (
    <section className="card contacts-oncall" aria-label="On call">
      <h2>On call</h2>
      {oncall.error ? <p className="error-banner" role="alert">{oncall.error}</p> : null}
      {schedules.length === 0 ? <p className="muted">No schedules yet. Import an .ics file or subscribe to your PagerDuty / Opsgenie / Grafana OnCall feed.</p> : null}
      {schedules.map((s) => (
        <article key={s.scheduleId} className="contacts-oncall-schedule" aria-label={`Schedule ${s.name}`}>
          <header>
            <h3>{s.name}</h3>
            <span className={s.lastError ? 'contacts-age warn' : 'contacts-age muted'} title={s.lastError ?? undefined}>
              copy {formatAgo(s.lastRefreshAt, now)}
              {s.lastError ? ' · last refresh failed' : ''}
            </span>
          </header>
          <div className="contacts-oncall-row">
            <span className="contacts-oncall-label">On call now</span>
            {s.current.length === 0 ? <span className="warn">nobody</span> : s.current.map((shift) => <Person key={`${shift.start}-${shift.summary}`} shift={shift} now={now} />)}
          </div>
          {s.current[0] ? (
            <div className="contacts-oncall-meta muted">
              shift {formatShiftTime(s.current[0].start)} → {formatShiftTime(s.current[0].end)}
            </div>
          ) : null}
          <div className="contacts-oncall-row">
            <span className="contacts-oncall-label">Next</span>
            {s.next.length === 0 ? <span className="muted">—</span> : s.next.map((shift) => <Person key={`${shift.start}-${shift.summary}`} shift={shift} now={now} />)}
          </div>
          <div className="contacts-oncall-meta">
            Next handoff:{' '}
            {s.nextHandoffAt ? (
              <>
                <strong>{formatShiftTime(s.nextHandoffAt)}</strong> <span className="muted">({formatRelative(s.nextHandoffAt, now)})</span>
              </>
            ) : (
              <span className="muted">none in the next 62 days</span>
            )}
          </div>
          {(() => {
            const details = scheduleList.data?.find((d) => d.id === s.scheduleId);
            return details ? <ScheduleSettings key={details.id} schedule={details} /> : null;
          })()}
        </article>
      ))}
    </section>
  );
}
