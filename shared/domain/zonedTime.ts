/** Wall-clock ↔ UTC conversion for IANA zones through Intl (the zone data of the JS engine). */
import { ianaZoneFromWindowsName } from './windowsTimeZones';

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

/** How a TZID was understood: an IANA name, a Windows/Outlook name, or a bare UTC offset (no DST rules). */
export interface ResolvedZone {
  zone: string;
  from: 'iana' | 'windows' | 'offset' | 'offset-pair';
}

/** Zones without daylight saving for the non-whole-hour offsets the Etc/GMT±h names cannot express. */
const ODD_OFFSET_ZONES: Readonly<Record<string, string>> = {
  '+03:30': 'Asia/Tehran',
  '+04:30': 'Asia/Kabul',
  '+05:30': 'Asia/Kolkata',
  '+05:45': 'Asia/Kathmandu',
  '+06:30': 'Asia/Yangon',
  '+09:30': 'Australia/Darwin',
  '-09:30': 'Pacific/Marquesas',
};

/**
 * Zimbra's legacy TZIDs name the standard and the daylight offset (`GMT-05.00/-04.00`) and no rules; without
 * their VTIMEZONE, the zone most calendars with that pair mean (northern-hemisphere pairs whose rules one
 * zone stands for). Reading them as the local zone put a New York meeting hours off.
 */
const ZIMBRA_OFFSET_PAIRS: Readonly<Record<string, string>> = {
  'GMT-08.00/-07.00': 'America/Los_Angeles',
  'GMT-07.00/-06.00': 'America/Denver',
  'GMT-06.00/-05.00': 'America/Chicago',
  'GMT-05.00/-04.00': 'America/New_York',
  'GMT-04.00/-03.00': 'America/Halifax',
  'GMT/+01.00': 'Europe/London',
  'GMT+00.00/+01.00': 'Europe/London',
  'GMT+01.00/+02.00': 'Europe/Berlin',
  'GMT+02.00/+03.00': 'Europe/Helsinki',
};

/** `UTC+01`, `GMT+0100`, `UTC-05:00`, `(UTC+01:00) Some City`: a fixed offset, as an engine zone name. */
function zoneFromOffsetText(text: string): string | null {
  const match = /^\(?(?:UTC|GMT)\s*([+-])(\d{1,2})(?::?(\d{2}))?\)?(?:\s|$)/i.exec(text);
  if (!match) return /^\(?(?:UTC|GMT)\)?$/i.test(text) ? 'UTC' : null;
  const sign = match[1]!;
  const hours = Number(match[2]);
  const minutes = Number(match[3] ?? 0);
  if (hours > 14 || minutes >= 60) return null;
  if (minutes === 0) {
    if (hours === 0) return 'UTC';
    // Etc/GMT names have the sign reversed (POSIX): UTC+01:00 is Etc/GMT-1.
    const etc = `Etc/GMT${sign === '+' ? '-' : '+'}${hours}`;
    return isKnownTimeZone(etc) ? etc : null;
  }
  return ODD_OFFSET_ZONES[`${sign}${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`] ?? null;
}

/**
 * Turns a TZID as calendars write it into a zone the engine knows, and says how: IANA names
 * (`"Europe/Berlin"`, `/mozilla.org/20050126_1/Europe/Berlin`, `/freeassociation.sourceforge.net/Tzfile/Europe/Vienna`),
 * Windows names (`W. Europe Standard Time`) and Outlook display names (`(UTC-05:00) Eastern Time (US & Canada)`),
 * then bare offsets (`UTC+01`), which carry no daylight-saving rules.
 */
export function resolveTzid(tzid: string | null | undefined): ResolvedZone | null {
  if (!tzid) return null;
  const cleaned = tzid.replace(/^"|"$/g, '').trim();
  if (!cleaned) return null;
  if (isKnownTimeZone(cleaned) && !/^(?:utc|gmt)?[+-]?\d/i.test(cleaned)) return { zone: cleaned, from: 'iana' };
  const parts = cleaned.split('/').filter(Boolean);
  for (let i = 1; i < parts.length; i++) {
    const candidate = parts.slice(i).join('/');
    if (candidate.includes('/') && isKnownTimeZone(candidate)) return { zone: candidate, from: 'iana' };
  }
  // RFC 2445's own examples write `US-Eastern`; the engine knows the zone as `US/Eastern`.
  if (/^[A-Za-z]+-[A-Za-z_]+$/.test(cleaned)) {
    const slashed = cleaned.replace('-', '/');
    if (isKnownTimeZone(slashed)) return { zone: slashed, from: 'iana' };
  }
  const windows = ianaZoneFromWindowsName(cleaned);
  if (windows) return { zone: windows, from: 'windows' };
  const pair = ZIMBRA_OFFSET_PAIRS[cleaned.toUpperCase()];
  if (pair) return { zone: pair, from: 'offset-pair' };
  const offset = zoneFromOffsetText(cleaned);
  return offset ? { zone: offset, from: 'offset' } : null;
}

/** The zone of a TZID (see `resolveTzid`), or null. */
export function ianaZoneFromTzid(tzid: string | null | undefined): string | null {
  return resolveTzid(tzid)?.zone ?? null;
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
