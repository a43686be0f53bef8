import type { ContactPointInput, Shift } from '../../../../shared/api/contacts';

/** "Tue 14:05 (+6 h)": the contact's wall clock and how far it is from ours, or null for a bad TZ. */
export function localTimeIn(tz: string | null | undefined, now: number = Date.now()): { time: string; offset: string } | null {
  if (!tz) return null;
  // vCard 3.0 often writes a bare UTC offset (TZ:-05:00) instead of a zone name.
  const fixed = /^(?:UTC|GMT)?\s*([+-])(\d{1,2}):?(\d{2})?$/i.exec(tz.trim());
  if (fixed) {
    const minutes = (fixed[1] === '-' ? -1 : 1) * (Number(fixed[2]) * 60 + Number(fixed[3] ?? 0));
    const shifted = new Date(now + minutes * 60_000);
    const time = new Intl.DateTimeFormat(undefined, { timeZone: 'UTC', weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(shifted);
    const mine = -new Date(now).getTimezoneOffset();
    const hours = (minutes - mine) / 60;
    return { time, offset: hours === 0 ? 'same as you' : `${hours > 0 ? '+' : ''}${Number.isInteger(hours) ? hours : hours.toFixed(1)} h from you` };
  }
  try {
    const time = new Intl.DateTimeFormat(undefined, { timeZone: tz, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(now);
    const wall = (zone: string | undefined) => {
      const parts = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric' }).formatToParts(now);
      const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
      return Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'));
    };
    const diffMinutes = Math.round((wall(tz) - wall(undefined)) / 60_000);
    const hours = diffMinutes / 60;
    const offset = diffMinutes === 0 ? 'same as you' : `${hours > 0 ? '+' : ''}${Number.isInteger(hours) ? hours : hours.toFixed(1)} h from you`;
    return { time, offset };
  } catch {
    return null;
  }
}

export function preferredPhone(phones: readonly ContactPointInput[]): string | null {
  return phones.find((p) => p.pref)?.value ?? phones[0]?.value ?? null;
}

/** The name to show for whoever holds a shift: their contact card, else the calendar's person, else the event title. */
export function shiftHolderName(shift: Shift): string {
  return shift.contact?.name ?? shift.person ?? shift.summary;
}

/**
 * Schedules with someone on call now first, then those with a shift coming, then the empty ones,
 * each group in the order given: the header shows the first schedule, and an imported holiday
 * or team calendar with nobody on it must not hide the rota that does have someone.
 */
export function staffedFirst<T extends { current: readonly unknown[]; next: readonly unknown[] }>(schedules: readonly T[]): T[] {
  const rank = (s: T) => (s.current.length ? 0 : s.next.length ? 1 : 2);
  return schedules.map((s, i) => ({ s, i })).sort((a, b) => rank(a.s) - rank(b.s) || a.i - b.i).map(({ s }) => s);
}

/** `tel:` wants no spaces or brackets. */
export function telHref(phone: string): string {
  return `tel:${phone.replace(/[^\d+*#,;]/g, '')}`;
}

/** "in 3 h 20 min", "in 2 d", "5 min ago". */
export function formatRelative(iso: string | null, now: number): string {
  if (!iso) return '—';
  const ms = Date.parse(iso) - now;
  const abs = Math.abs(ms);
  const minutes = Math.round(abs / 60_000);
  const text = minutes < 60 ? `${minutes} min` : minutes < 48 * 60 ? `${Math.floor(minutes / 60)} h ${minutes % 60} min` : `${Math.floor(minutes / 1440)} d`;
  return ms >= 0 ? `in ${text}` : `${text} ago`;
}

export function formatShiftTime(iso: string): string {
  return new Date(iso).toLocaleString(undefined, { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
}
