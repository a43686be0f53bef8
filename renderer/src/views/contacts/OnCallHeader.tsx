import { useUiStore } from '../../state/uiStore';
import { formatShiftTime, shiftHolderName, staffedFirst } from './contactFormat';
import { useOnCallNow } from './useOnCallNow';

/** "02:19" within a day, else the date too: the header has little room. */
function untilText(iso: string): string {
  const ms = Date.parse(iso) - Date.now();
  return ms < 20 * 3_600_000 ? new Date(iso).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }) : formatShiftTime(iso);
}

/** Header: who holds the pager right now (first schedule), one click to Contacts & On-call. */
export function OnCallHeader() {
  const navigate = useUiStore((s) => s.navigate);
  const oncall = useOnCallNow();
  const schedules = staffedFirst(oncall.data?.schedules ?? []);
  if (schedules.length === 0) return null;
  const first = schedules[0]!;
  const shift = first.current[0];
  const who = shift ? shiftHolderName(shift) : 'nobody';
  const more = schedules.length > 1 ? ` +${schedules.length - 1} schedule${schedules.length > 2 ? 's' : ''}` : '';
  return (
    <button type="button" className="header-slot ghost contacts-header-oncall" onClick={() => navigate('contacts')} title={schedules.map((s) => `${s.name}: ${s.current.map((c) => c.contact?.name ?? c.person).join(', ') || 'nobody'}`).join('\n')}>
      On call: <strong>{who}</strong>
      {shift ? <span className="muted"> until {untilText(shift.end)}</span> : null}
      {more ? <span className="muted">{more}</span> : null}
    </button>
  );
}
