import { parseDuration } from '../../../../shared/domain/changeCorrelation';

/**
 * Reads the "when" box of the quick entry: empty or "now", a duration meaning that long ago
 * ("15m", "2h ago"), a wall-clock time today ("14:05", yesterday if that is still ahead), or a date
 * and time. Local time, because that is what a person at the keyboard means.
 */
export function parseWhenInput(text: string, now: number = Date.now()): { iso: string | undefined } | { error: string } {
  const value = text.trim().toLowerCase();
  if (!value || value === 'now') return { iso: undefined };
  const duration = parseDuration(value.replace(/\s*ago$/, '').replace(/^-/, ''));
  if (duration !== undefined) return { iso: new Date(now - duration).toISOString() };
  const clock = /^(\d{1,2}):(\d{2})$/.exec(value);
  if (clock) {
    const date = new Date(now);
    date.setHours(Number(clock[1]), Number(clock[2]), 0, 0);
    if (date.getTime() > now + 60_000) date.setDate(date.getDate() - 1);
    return { iso: date.toISOString() };
  }
  if (/^\d{4}-\d{2}-\d{2}/.test(value)) {
    const ms = Date.parse(value.replace(' ', 'T'));
    if (Number.isFinite(ms)) return { iso: new Date(ms).toISOString() };
  }
  return { error: 'When: use "now", "15m ago", "14:05" or a date like 2026-11-22 14:05' };
}

/** "14:05" today, "Nov 21 14:05" otherwise: short local times for lists and chart ticks. */
export function formatShortTime(iso: string | number, now: number = Date.now()): string {
  const date = new Date(iso);
  const sameDay = new Date(now).toDateString() === date.toDateString();
  const time = date.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', hour12: false });
  return sameDay ? time : `${date.toLocaleDateString(undefined, { month: 'short', day: 'numeric' })} ${time}`;
}
