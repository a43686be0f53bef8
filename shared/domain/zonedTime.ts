/** Wall-clock ↔ UTC conversion for IANA zones through Intl (the zone data of the JS engine). */

export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** True when the JS engine knows this IANA zone name. */
export function isKnownTimeZone(name: string): boolean {
  if (!name) return false;
  try {
    formatterFor(name);
    return true;
  } catch {
    return false;
  }
}

/**
 * Turns a TZID as calendars write it into an IANA name the engine knows, or null:
 * `"Europe/Berlin"`, `/mozilla.org/20050126_1/Europe/Berlin`, `/freeassociation.sourceforge.net/Tzfile/Europe/Vienna`.
 */
export function ianaZoneFromTzid(tzid: string | null | undefined): string | null {
  if (!tzid) return null;
  const cleaned = tzid.replace(/^"|"$/g, '').trim();
  if (isKnownTimeZone(cleaned)) return cleaned;
  const parts = cleaned.split('/').filter(Boolean);
  for (let i = 1; i < parts.length; i++) {
    const candidate = parts.slice(i).join('/');
    if (candidate.includes('/') && isKnownTimeZone(candidate)) return candidate;
  }
  return null;
}

export function wallTimeIn(utcMs: number, timeZone: string): WallTime {
  const parts = formatterFor(timeZone).formatToParts(new Date(utcMs));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour'), minute: get('minute'), second: get('second') };
}

function wallAsUtcMs(w: WallTime): number {
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
}

/** Offset of the zone from UTC at an instant, in ms (east positive). */
export function offsetMsAt(utcMs: number, timeZone: string): number {
  const wholeSecond = Math.floor(utcMs / 1000) * 1000;
  return wallAsUtcMs(wallTimeIn(wholeSecond, timeZone)) - wholeSecond;
}

/**
 * The UTC instant of a wall-clock time in a zone. Ambiguous times (the repeated hour when clocks go
 * back) resolve to the first occurrence; times in the gap when clocks go forward use the offset from
 * before the gap (02:30 → 03:30 summer time), as RFC 5545 §3.3.5 asks.
 */
export function zonedWallTimeToUtc(wall: WallTime, timeZone: string): number {
  const guess = wallAsUtcMs(wall);
  const day = 86_400_000;
  const before = offsetMsAt(guess - day, timeZone);
  const after = offsetMsAt(guess + day, timeZone);
  const candidates = [guess - before, guess - after].filter((t) => wallAsUtcMs(wallTimeIn(t, timeZone)) === guess);
  if (candidates.length) return Math.min(...candidates);
  return guess - before;
}

export function addWallMs(wall: WallTime, ms: number): WallTime {
  const d = new Date(wallAsUtcMs(wall) + ms);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: d.getUTCHours(), minute: d.getUTCMinutes(), second: d.getUTCSeconds() };
}

export function wallDifferenceMs(later: WallTime, earlier: WallTime): number {
  return wallAsUtcMs(later) - wallAsUtcMs(earlier);
}
