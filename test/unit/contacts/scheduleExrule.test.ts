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
