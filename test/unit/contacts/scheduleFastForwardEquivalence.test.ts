/**
 * A DAILY/WEEKLY rota without COUNT is walked from near the window instead of from DTSTART (a speed-up).
 * Whoever is on call must not depend on that: for many seeded random rota shapes, the shifts of a window
 * opened years after DTSTART must be exactly those a walk from DTSTART gives (a window opening before
 * DTSTART makes the expansion start at DTSTART itself), cut to the same window.
 */
import { describe, expect, it } from 'vitest';
import { expandSchedule } from '../../../shared/domain/schedule';
import { seededRandom } from '../../helpers/seededRandom';

const DAY = 86_400_000;
/** 100 per test run (~8 s); 14,400 passed when written. More for a longer local run: SCHEDULE_EQUIVALENCE_CASES=20000. */
const CASES = Number(process.env.SCHEDULE_EQUIVALENCE_CASES ?? 100);
const FIRST_SEED = Number(process.env.SCHEDULE_EQUIVALENCE_FIRST_SEED ?? 1);

const VTIMEZONES: Record<string, string[]> = {
  'Europe/Berlin': [
    'BEGIN:DAYLIGHT', 'TZOFFSETFROM:+0100', 'TZOFFSETTO:+0200', 'DTSTART:19810329T020000', 'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU', 'END:DAYLIGHT',
    'BEGIN:STANDARD', 'TZOFFSETFROM:+0200', 'TZOFFSETTO:+0100', 'DTSTART:19961027T030000', 'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU', 'END:STANDARD',
  ],
  'America/New_York': [
    'BEGIN:DAYLIGHT', 'TZOFFSETFROM:-0500', 'TZOFFSETTO:-0400', 'DTSTART:20070311T020000', 'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU', 'END:DAYLIGHT',
    'BEGIN:STANDARD', 'TZOFFSETFROM:-0400', 'TZOFFSETTO:-0500', 'DTSTART:20071104T020000', 'RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU', 'END:STANDARD',
  ],
  'Australia/Sydney': [
    'BEGIN:STANDARD', 'TZOFFSETFROM:+1100', 'TZOFFSETTO:+1000', 'DTSTART:20080406T030000', 'RRULE:FREQ=YEARLY;BYMONTH=4;BYDAY=1SU', 'END:STANDARD',
    'BEGIN:DAYLIGHT', 'TZOFFSETFROM:+1000', 'TZOFFSETTO:+1100', 'DTSTART:20081005T020000', 'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=1SU', 'END:DAYLIGHT',
  ],
};
const ZONES = Object.keys(VTIMEZONES);
const WEEKDAYS = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'];
/** Days of DST switches in these zones (2024-2027), so windows often cross one. */
const SWITCH_DAYS = [
  '2024-03-10', '2024-03-31', '2024-04-07', '2024-10-06', '2024-10-27', '2024-11-03',
  '2025-03-09', '2025-03-30', '2025-04-06', '2025-10-05', '2025-10-26', '2025-11-02',
  '2026-03-08', '2026-03-29', '2026-04-05', '2026-10-04', '2026-10-25', '2026-11-01',
  '2027-03-14', '2027-03-28', '2027-04-04', '2027-10-03', '2027-10-31', '2027-11-07',
].map((day) => Date.parse(`${day}T00:00:00Z`));

interface Wall {
  ms: number; // the wall time read as if UTC
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
function dateText(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}`;
}
function dateTimeText(ms: number): string {
  const d = new Date(ms);
  return `${dateText(ms)}T${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}`;
}

interface RotaCase {
  ics: string;
  from: Date;
  to: Date;
}

/** One random rota: a series (and its overrides) and a window years after its DTSTART. */
function rotaCase(seed: number): RotaCase {
  const random = seededRandom(seed);
  const pick = <T,>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const chance = (p: number) => random() < p;
  const between = (low: number, high: number) => low + Math.floor(random() * (high - low + 1));

  const windowFrom = chance(0.7) ? pick(SWITCH_DAYS) - between(0, 20) * DAY + between(0, 47) * 1_800_000 : Date.parse('2024-01-01T00:00:00Z') + between(0, 1300) * DAY + between(0, 23) * 3_600_000;
  const windowTo = windowFrom + pick([3_600_000, DAY, 3 * DAY, 10 * DAY, 35 * DAY, 70 * DAY]);

  const allDay = chance(0.25);
  const zoneKind = allDay ? pick(['floating', 'floating', 'tzid'] as const) : pick(['floating', 'utc', 'tzid', 'tzid', 'tzid'] as const);
  const zone = pick(ZONES);
  // With the VTIMEZONE ical.js walks zoned times; without it, it walks them as floating and Gobag converts.
  const withVtimezone = zoneKind === 'tzid' && chance(0.6);
  // A TZID no engine knows is read through its VTIMEZONE alone (Gobag converts with ical.js then).
  const tzid = withVtimezone && chance(0.4) ? `Custom ${zone.replace('/', ' ')}` : zone;
  // DTSTART from a few days to twelve years before the window, at a time that is sometimes in a DST gap or fold.
  const startDay = Math.floor(windowFrom / DAY) * DAY - between(2, 12 * 366) * DAY;
  const startWall: Wall = { ms: startDay + (allDay ? 0 : pick([0, 2, 2, 3, 8, 9, 17, 23]) * 3_600_000 + pick([0, 0, 30]) * 60_000) };
  const timeText = (wall: Wall) => (allDay ? dateText(wall.ms) : dateTimeText(wall.ms) + (zoneKind === 'utc' ? 'Z' : ''));
  const timeProp = (name: string, wall: Wall) => {
    if (allDay) return `${name};VALUE=DATE:${dateText(wall.ms)}`;
    return zoneKind === 'tzid' ? `${name};TZID=${tzid}:${timeText(wall)}` : `${name}:${timeText(wall)}`;
  };

  const freq = pick(['DAILY', 'WEEKLY'] as const);
  const interval = between(1, 5);
  const startWeekday = WEEKDAYS[new Date(startWall.ms).getUTCDay()]!;
  let byDay: string[] = [];
  if (chance(0.6)) {
    byDay = WEEKDAYS.filter(() => chance(0.35));
    // Mostly including DTSTART's weekday, the shape that the walk from near the window is for.
    if (chance(0.75) && !byDay.includes(startWeekday)) byDay.push(startWeekday);
    if (!byDay.length) byDay = [pick(WEEKDAYS)];
  }
  const ruleParts = [`FREQ=${freq}`];
  if (interval > 1 || chance(0.2)) ruleParts.push(`INTERVAL=${interval}`);
  if (byDay.length) ruleParts.push(`BYDAY=${byDay.join(',')}`);
  if (chance(0.3)) ruleParts.push(`WKST=${pick(WEEKDAYS)}`);
  const untilKind = pick(['none', 'none', 'date', 'date-time'] as const);
  if (untilKind !== 'none') {
    const untilMs = chance(0.15) ? startWall.ms + between(0, 400) * DAY : windowFrom + between(-30, 80) * DAY + between(0, 23) * 3_600_000;
    ruleParts.push(`UNTIL=${untilKind === 'date' ? dateText(untilMs) : `${dateTimeText(untilMs)}Z`}`);
  }
  if (chance(0.3)) ruleParts.sort(() => random() - 0.5);

  // Instances near the window (and some long before it): on DTSTART's time of day.
  const periodDays = freq === 'WEEKLY' ? 7 * interval : interval;
  const instanceNear = (): Wall => {
    if (chance(0.2)) return { ms: startWall.ms + between(1, 40) * periodDays * DAY };
    const near = Math.floor((windowFrom - startWall.ms) / (periodDays * DAY));
    const onPhase = chance(0.6) ? startWall.ms + (near + between(-3, 6)) * periodDays * DAY : startWall.ms + (Math.floor((windowFrom - startWall.ms) / DAY) + between(-10, 40)) * DAY;
    return { ms: onPhase };
  };

  const lengthMs = allDay ? pick([1, 1, 1, 7, 14]) * DAY : pick([0, 1_800_000, 8 * 3_600_000, 12 * 3_600_000, 24 * 3_600_000, 7 * DAY, 14 * DAY]);
  const lengthLines = chance(0.25) ? (lengthMs ? [`DURATION:${allDay ? `P${lengthMs / DAY}D` : `PT${lengthMs / 1000}S`}`] : []) : [timeProp('DTEND', { ms: startWall.ms + lengthMs })];

  const master = ['BEGIN:VEVENT', 'UID:rota', 'SUMMARY:Primary: Ana', timeProp('DTSTART', startWall), ...lengthLines, `RRULE:${ruleParts.join(';')}`];
  for (let i = between(0, 3); i > 0; i--) master.push(timeProp('EXDATE', instanceNear()));
  for (let i = between(0, 2); i > 0; i--) {
    const wall = instanceNear();
    master.push(timeProp('RDATE', chance(0.5) ? wall : { ms: wall.ms + (allDay ? DAY : 5 * 3_600_000) }));
  }
  if (chance(0.15)) master.push(timeProp('RDATE', { ms: startWall.ms - 3 * DAY }));
  master.push('END:VEVENT');

  const overrides: string[] = [];
  for (let i = between(0, 3); i > 0; i--) {
    const replaced = instanceNear();
    // Moved within a few days, so an instance from before the window can move into it.
    const moved = { ms: replaced.ms + (allDay ? between(-2, 4) * DAY : between(-20, 60) * 3_600_000) };
    overrides.push(
      'BEGIN:VEVENT',
      'UID:rota',
      timeProp('RECURRENCE-ID', replaced),
      timeProp('DTSTART', moved),
      timeProp('DTEND', { ms: moved.ms + (allDay ? DAY : between(1, 30) * 3_600_000) }),
      `SUMMARY:Primary: Swap ${i}`,
      ...(chance(0.15) ? ['STATUS:CANCELLED'] : []),
      'END:VEVENT',
    );
  }

  const zoneLines = withVtimezone ? ['BEGIN:VTIMEZONE', `TZID:${tzid}`, ...VTIMEZONES[zone]!, 'END:VTIMEZONE'] : [];
  const header = chance(0.5) ? [`X-WR-TIMEZONE:${pick(ZONES)}`] : [];
  const ics = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//gobag//equivalence//EN', ...header, ...zoneLines, ...master, ...overrides, 'END:VCALENDAR', ''].join('\r\n');
  return { ics, from: new Date(windowFrom), to: new Date(windowTo) };
}

describe(`a series walked from near the window gives the same shifts as walked from DTSTART (${CASES} random rotas)`, () => {
  const seeds = Array.from({ length: CASES }, (_, i) => FIRST_SEED + i);
  it.each(seeds)('seed %i', (seed) => {
    const { ics, from, to } = rotaCase(seed);
    const near = expandSchedule(ics, { from, to, defaultTimeZone: 'UTC' });
    const whole = expandSchedule(ics, { from: new Date('2010-01-01T00:00:00Z'), to, defaultTimeZone: 'UTC' });
    const inWindow = whole.shifts.filter((s) => Date.parse(s.end) > from.getTime() && Date.parse(s.start) < to.getTime());
    expect({ shifts: near.shifts, problems: near.problems }, ics).toEqual({ shifts: inWindow, problems: whole.problems });
  });

  it('the random rotas include the shapes the speed-up is for, with shifts in the window', () => {
    // Guards the generator: most cases must reach the near-window walk and put someone on call.
    const cases = Array.from({ length: 200 }, (_, i) => rotaCase(FIRST_SEED + i));
    const withShifts = cases.filter((c) => expandSchedule(c.ics, { from: c.from, to: c.to, defaultTimeZone: 'UTC' }).shifts.length > 0);
    expect(withShifts.length).toBeGreaterThan(100);
  });
});
