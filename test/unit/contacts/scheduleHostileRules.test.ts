/**
 * Rules that are legal but absurd must cost an import little and still give the shifts they mean.
 */
import { describe, expect, it } from 'vitest';
import { expandSchedule } from '../../../shared/domain/schedule';

function starts(rules: string[], from: string, days: number): string[] {
  const ics = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'BEGIN:VEVENT', 'UID:h', 'SUMMARY:Primary: Ana', 'DTSTART:20261102T090000Z', 'DURATION:PT8H', ...rules, 'END:VEVENT', 'END:VCALENDAR', ''].join('\r\n');
  const fromDate = new Date(from);
  return expandSchedule(ics, { from: fromDate, to: new Date(fromDate.getTime() + days * 86_400_000), defaultTimeZone: 'UTC' }).shifts.map((s) => s.start.slice(0, 10));
}

describe('an RRULE or EXRULE with a huge INTERVAL', () => {
  // ical.js steps INTERVAL one day at a time: INTERVAL=999999999 froze the import for minutes (one step of
  // INTERVAL=9999999 alone takes 2 s), where the rule means "DTSTART (and its own week's days), then nothing".
  it('gives the first period of a weekly rule and nothing after', () => {
    expect(starts(['RRULE:FREQ=WEEKLY;INTERVAL=2147483647;BYDAY=MO,WE,FR'], '2026-11-01T00:00:00Z', 60)).toEqual(['2026-11-02', '2026-11-04', '2026-11-06']);
  });

  it('excludes, as an EXRULE, only DTSTART', () => {
    expect(starts(['RRULE:FREQ=DAILY;COUNT=4', 'EXRULE:FREQ=DAILY;INTERVAL=999999999'], '2026-11-01T00:00:00Z', 10)).toEqual(['2026-11-03', '2026-11-04', '2026-11-05']);
  });
});

describe('a daily rota whose DTSTART is in year 1 (some exporters write 0001 for "no year")', () => {
  it('still puts someone on call today instead of stopping after 200,000 days', () => {
    const ics = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'BEGIN:VEVENT', 'UID:y', 'SUMMARY:Primary: Ana', 'DTSTART:00010101T090000Z', 'DURATION:PT8H', 'RRULE:FREQ=DAILY', 'END:VEVENT', 'END:VCALENDAR', ''].join('\r\n');
    const result = expandSchedule(ics, { from: new Date('2026-11-01T00:00:00Z'), to: new Date('2026-11-03T00:00:00Z'), defaultTimeZone: 'UTC' });
    expect(result.shifts.map((s) => s.start)).toEqual(['2026-11-01T09:00:00.000Z', '2026-11-02T09:00:00.000Z']);
    expect(result.problems).toEqual([]);
  });
});
