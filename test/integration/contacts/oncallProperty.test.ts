/**
 * Property-style check of "who is on call at T": a generated weekly rotation (4 people, RRULE
 * INTERVAL=4 per person) with RECURRENCE-ID swaps, EXDATE + split replacement shifts, across the
 * year's two DST changes, compared at every hour of a year with an expansion written independently
 * here (plain date arithmetic + a brute-force wall-clock → UTC search through Intl).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { fixedClock, openTempApp, type TempApp } from '../../helpers/tempApp';
import { seededRandom } from '../../helpers/seededRandom';
import type { OnCallEntry } from '../../../shared/api/contacts';

const PEOPLE = ['Alice Ames', 'Bob Brown', 'Carol Chen', 'Dave Diaz'];
const WEEKS = 53;
const HOUR = 3_600_000;

/** Independent wall → UTC: scan every quarter-hour offset from −14 h to +14 h, earliest match wins. */
function wallToUtcBruteForce(y: number, mo: number, d: number, h: number, zone: string): number {
  const fmt = new Intl.DateTimeFormat('en-GB', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
  const want = `${String(d).padStart(2, '0')}/${String(mo).padStart(2, '0')}/${y}, ${String(h).padStart(2, '0')}:00`;
  const naive = Date.UTC(y, mo - 1, d, h);
  const matches: number[] = [];
  for (let offset = -14 * 60; offset <= 14 * 60; offset += 15) {
    const t = naive - offset * 60_000;
    if (fmt.format(new Date(t)) === want) matches.push(t);
  }
  if (matches.length === 0) throw new Error(`no UTC instant for ${want} in ${zone}`);
  return Math.min(...matches);
}

const pad = (n: number) => String(n).padStart(2, '0');
function localStamp(dayIndex: number, hour: number): { text: string; y: number; mo: number; d: number } {
  const date = new Date(Date.UTC(2026, 0, 5 + dayIndex));
  const y = date.getUTCFullYear();
  const mo = date.getUTCMonth() + 1;
  const d = date.getUTCDate();
  return { text: `${y}${pad(mo)}${pad(d)}T${pad(hour)}0000`, y, mo, d };
}

const BERLIN_VTIMEZONE = [
  'BEGIN:VTIMEZONE',
  'TZID:Europe/Berlin',
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0200',
  'TZNAME:CEST',
  'DTSTART:19700329T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0200',
  'TZOFFSETTO:+0100',
  'TZNAME:CET',
  'DTSTART:19701025T030000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
];

interface Override {
  week: number;
  kind: 'swap' | 'split';
  substitute: number;
}

function generate(zone: string, withVtimezone: boolean, seed: number) {
  const random = seededRandom(seed);
  const overrides: Override[] = [];
  for (let week = 1; week < WEEKS - 1; week++) {
    const r = random();
    if (r < 0.12) overrides.push({ week, kind: 'swap', substitute: (week + 1 + Math.floor(random() * 3)) % 4 });
    else if (r < 0.22) overrides.push({ week, kind: 'split', substitute: (week + 1 + Math.floor(random() * 3)) % 4 });
  }
  const tz = `;TZID=${zone}`;
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//gobag//property test//EN', `X-WR-CALNAME:Primary rotation`, ...(withVtimezone ? BERLIN_VTIMEZONE : [])];
  for (let p = 0; p < 4; p++) {
    const uid = `rota-${p}@gobag.test`;
    const exdates = overrides.filter((o) => o.kind === 'split' && o.week % 4 === p).map((o) => `EXDATE${tz}:${localStamp(o.week * 7, 9).text}`);
    lines.push('BEGIN:VEVENT', `UID:${uid}`, `SUMMARY:On Call - ${PEOPLE[p]} - Primary`, `DTSTART${tz}:${localStamp(p * 7, 9).text}`, `DTEND${tz}:${localStamp(p * 7 + 7, 9).text}`, `RRULE:FREQ=WEEKLY;INTERVAL=4;COUNT=${Math.ceil((WEEKS - p) / 4)}`, ...exdates, 'END:VEVENT');
  }
  let extra = 0;
  for (const o of overrides) {
    const owner = o.week % 4;
    if (o.kind === 'swap') {
      lines.push('BEGIN:VEVENT', `UID:rota-${owner}@gobag.test`, `RECURRENCE-ID${tz}:${localStamp(o.week * 7, 9).text}`, `SUMMARY:On Call - ${PEOPLE[o.substitute]} - Primary`, `DTSTART${tz}:${localStamp(o.week * 7, 9).text}`, `DTEND${tz}:${localStamp(o.week * 7 + 7, 9).text}`, 'END:VEVENT');
    } else {
      lines.push('BEGIN:VEVENT', `UID:split-${extra++}@gobag.test`, `SUMMARY:On Call - ${PEOPLE[o.substitute]} - Primary`, `DTSTART${tz}:${localStamp(o.week * 7, 9).text}`, `DTEND${tz}:${localStamp(o.week * 7 + 3, 9).text}`, 'END:VEVENT');
      lines.push('BEGIN:VEVENT', `UID:split-${extra++}@gobag.test`, `SUMMARY:On Call - ${PEOPLE[owner]} - Primary`, `DTSTART${tz}:${localStamp(o.week * 7 + 3, 9).text}`, `DTEND${tz}:${localStamp(o.week * 7 + 7, 9).text}`, 'END:VEVENT');
    }
  }
  lines.push('END:VCALENDAR');

  // Independent expected timeline: segments [start, end) → person.
  const at = (day: number) => {
    const s = localStamp(day, 9);
    return wallToUtcBruteForce(s.y, s.mo, s.d, 9, zone);
  };
  const segments: { start: number; end: number; person: string }[] = [];
  for (let week = 0; week < WEEKS; week++) {
    const o = overrides.find((x) => x.week === week);
    const owner = PEOPLE[week % 4]!;
    if (o?.kind === 'swap') segments.push({ start: at(week * 7), end: at(week * 7 + 7), person: PEOPLE[o.substitute]! });
    else if (o?.kind === 'split') {
      segments.push({ start: at(week * 7), end: at(week * 7 + 3), person: PEOPLE[o.substitute]! });
      segments.push({ start: at(week * 7 + 3), end: at(week * 7 + 7), person: owner });
    } else segments.push({ start: at(week * 7), end: at(week * 7 + 7), person: owner });
  }
  const merged: typeof segments = [];
  for (const s of segments) {
    const last = merged[merged.length - 1];
    if (last && last.person === s.person && last.end === s.start) last.end = s.end;
    else merged.push({ ...s });
  }
  return { ics: lines.join('\r\n') + '\r\n', segments: merged, overrides };
}

let app: TempApp | undefined;
afterEach(() => app?.close());

const CACHE_END = Date.parse('2026-01-01T00:00:00Z') + 400 * 24 * HOUR;
const LOOKAHEAD = 62 * 24 * HOUR;

describe.each([
  { zone: 'Europe/Berlin', withVtimezone: true, cached: true, seed: 7, stepHours: 1 },
  { zone: 'America/New_York', withVtimezone: false, cached: true, seed: 11, stepHours: 1 },
  // Outside the cached window every answer is expanded from the stored file again: slower, so every 7th hour.
  { zone: 'Europe/Berlin', withVtimezone: true, cached: false, seed: 23, stepHours: 7 },
])('on call over a year ($zone, VTIMEZONE in file: $withVtimezone, from cache: $cached, every $stepHours h)', ({ zone, withVtimezone, cached, seed, stepHours }) => {
  it('matches the independent expansion, including the next handoff', async () => {
    const { ics, segments, overrides } = generate(zone, withVtimezone, seed);
    expect(overrides.filter((o) => o.kind === 'swap').length).toBeGreaterThan(2);
    expect(overrides.filter((o) => o.kind === 'split').length).toBeGreaterThan(2);
    // "now" sets the cached window; the second case asks outside it, so shifts are expanded on the fly.
    app = await openTempApp({ clock: fixedClock(cached ? '2026-01-01T00:00:00Z' : '2020-01-01T00:00:00Z') });
    const imported = await app.dispatch('schedules.import', { text: ics, name: 'primary' });
    expect(imported).toMatchObject({ ok: true, value: { problems: [] } });

    const first = segments[0]!.start;
    const last = segments[segments.length - 1]!.end;
    expect(last - first).toBeGreaterThanOrEqual(365 * 24 * HOUR);
    let checked = 0;
    const mismatches: string[] = [];
    for (let t = first - 5 * HOUR; t < last + 5 * HOUR; t += stepHours * HOUR) {
      const result = await app.dispatch('oncall.at', { at: new Date(t).toISOString() });
      if (!result.ok) throw new Error(result.error.message);
      const entry = (result.value as { schedules: OnCallEntry[] }).schedules[0]!;
      const segment = segments.find((s) => s.start <= t && t < s.end);
      const expected = segment ? [segment.person] : [];
      const actual = [...new Set(entry.current.map((s) => s.person))];
      const expectedHandoff = segment ? new Date(segment.end).toISOString() : t < first ? new Date(first).toISOString() : null;
      if (JSON.stringify(actual) !== JSON.stringify(expected) || entry.nextHandoffAt !== expectedHandoff) {
        mismatches.push(`${new Date(t).toISOString()}: got ${actual.join('+') || 'nobody'} until ${entry.nextHandoffAt}, expected ${expected.join('+') || 'nobody'} until ${expectedHandoff}`);
      }
      expect(entry.fromCache).toBe(cached && t + LOOKAHEAD <= CACHE_END);
      checked++;
    }
    expect(mismatches.slice(0, 5)).toEqual([]);
    expect(checked).toBeGreaterThan((365 * 24) / stepHours);
  }, 120_000);
});
