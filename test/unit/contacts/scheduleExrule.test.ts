/**
 * EXRULE (RFC 2445) exclusions, found reviewing the second pass: a hostile or broken EXRULE must cost
 * at most its own line, quickly, and must exclude only the instances it names.
 */
import { describe, expect, it } from 'vitest';
import { expandSchedule } from '../../../shared/domain/schedule';

function weeklyWithExrule(exrule: string): string {
  return ['BEGIN:VCALENDAR', 'VERSION:2.0', 'BEGIN:VEVENT', 'UID:x', 'SUMMARY:Primary: Ana', 'DTSTART:20200101T090000Z', 'DURATION:PT1H', 'RRULE:FREQ=WEEKLY', exrule, 'END:VEVENT', 'END:VCALENDAR', ''].join('\r\n');
}

describe('an EXRULE whose BY parts never meet', () => {
  it('is reported and ignored instead of freezing the import (it walked ical.js for 10 minutes)', () => {
    const result = expandSchedule(weeklyWithExrule('EXRULE:FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30'), {
      from: new Date('2026-11-01T00:00:00Z'),
      to: new Date('2026-12-01T00:00:00Z'),
      defaultTimeZone: 'UTC',
    });
    expect(result.shifts.map((s) => s.start)).toEqual(['2026-11-04T09:00:00.000Z', '2026-11-11T09:00:00.000Z', '2026-11-18T09:00:00.000Z', '2026-11-25T09:00:00.000Z']);
    expect(result.problems).toEqual([{ item: '"Primary: Ana" UID x', reason: expect.stringMatching(/^EXRULE: its EXRULE matched no time in 20000 steps in a row .*; it is ignored$/) }]);
  });
});

describe('an EXRULE naming days of the month', () => {
  function dailyWithExrule(exrule: string, from: string, to: string): string[] {
    const ics = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'BEGIN:VEVENT', 'UID:d', 'SUMMARY:Primary: Ana', 'DTSTART:20260102T090000Z', 'DURATION:PT8H', 'RRULE:FREQ=DAILY', exrule, 'END:VEVENT', 'END:VCALENDAR', ''].join('\r\n');
    return expandSchedule(ics, { from: new Date(from), to: new Date(to), defaultTimeZone: 'UTC' }).shifts.map((s) => s.start.slice(0, 10));
  }

  it('"except 30 February" excludes no day at all (ical.js rolled it over to 2 March, leaving that day uncovered)', () => {
    expect(dailyWithExrule('EXRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30', '2027-02-27T00:00:00Z', '2027-03-04T00:00:00Z')).toEqual(['2027-02-27', '2027-02-28', '2027-03-01', '2027-03-02', '2027-03-03']);
  });

  it('"except the last of the 29th-31st" (BYSETPOS=-1) excludes only that day, not all three', () => {
    expect(dailyWithExrule('EXRULE:FREQ=MONTHLY;BYMONTHDAY=29,30,31;BYSETPOS=-1', '2027-01-28T00:00:00Z', '2027-02-02T00:00:00Z')).toEqual(['2027-01-28', '2027-01-29', '2027-01-30', '2027-02-01']);
  });
});

describe('many EXRULEs on one event', () => {
  it('share one walking budget: the ones beyond it are reported as not applied instead of each walking 200,000 times', () => {
    const hourlyExrules = Array.from({ length: 3 }, (_, i) => `EXRULE:FREQ=HOURLY;BYMINUTE=${i}`);
    const ics = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'BEGIN:VEVENT', 'UID:m', 'SUMMARY:Primary: Ana', 'DTSTART:20000101T090000Z', 'DURATION:PT1H', 'RRULE:FREQ=DAILY', ...hourlyExrules, 'END:VEVENT', 'END:VCALENDAR', ''].join('\r\n');
    const result = expandSchedule(ics, { from: new Date('2026-11-01T00:00:00Z'), to: new Date('2026-11-03T00:00:00Z'), defaultTimeZone: 'UTC' });
    expect(result.shifts.map((s) => s.start)).toEqual(['2026-11-01T09:00:00.000Z', '2026-11-02T09:00:00.000Z']);
    expect(result.problems.map((p) => p.reason)).toEqual([
      'EXRULE: stopped after 200000 occurrences',
      "EXRULE FREQ=HOURLY;BYMINUTE=1: not applied; the event's EXRULEs already walked 200000 occurrences",
      "EXRULE FREQ=HOURLY;BYMINUTE=2: not applied; the event's EXRULEs already walked 200000 occurrences",
    ]);
  });
});
