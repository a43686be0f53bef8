/**
 * Faults found in a second pass of real .ics files (khal, Radicale, ical4j, python-recurring-ical-events,
 * Grafana OnCall test calendars). Each test is the upstream file reduced to the lines that matter,
 * checked as a user sees it: who is on call at an instant. The files themselves are not copied here.
 */
import { describe, expect, it } from 'vitest';
import { expandSchedule, onCallAt } from '../../../shared/domain/schedule';

const DAY = 86_400_000;

function calendar(...lines: string[]): string {
  return ['BEGIN:VCALENDAR', 'VERSION:2.0', ...lines, 'END:VCALENDAR', ''].join('\r\n');
}

function expand(ics: string, at: string) {
  const instant = new Date(at);
  return expandSchedule(ics, { from: new Date(instant.getTime() - 40 * DAY), to: new Date(instant.getTime() + 40 * DAY), defaultTimeZone: 'UTC' });
}

function onCallNames(ics: string, at: string): string[] {
  return onCallAt(expand(ics, at).shifts, new Date(at))
    .current.map((s) => s.summary)
    .sort();
}

describe('rule parts written in lower or mixed case', () => {
  // ical4j/ical4j etc/samples/valid/korganizer-lowercase.ics (KOrganizer 3.3.2): `RRULE:freq=YEArLY;…`.
  // ical.js refused the rule, so the only event of the file was lost and nothing imported.
  const ics = calendar(
    'BEGIN:VEVENT',
    'UID:KOrganizer-1441301191.241',
    'SUMMARY:Standby Ted',
    'RRULE:freq=YEArLY;INTERVAL=1;BYMONTHDAY=16;BYMONTH=1',
    'DTSTART;VALUE=DATE:20050116',
    'DTEND;VALUE=DATE:20050117',
    'END:VEVENT',
  );

  it('reads them as the same rule (RFC 5545: rule values are case-insensitive)', () => {
    expect(expand(ics, '2026-01-16T12:00:00Z').problems).toEqual([]);
    expect(onCallNames(ics, '2026-01-16T12:00:00Z')).toEqual(['Standby Ted']);
    expect(onCallNames(ics, '2026-01-17T12:00:00Z')).toEqual([]);
  });
});

describe('EXRULE', () => {
  // ical4j/ical4j etc/samples/valid/friday13-NOT.ics: every Friday except Friday the 13th. ical.js
  // parses EXRULE but never applies it, so the 13th showed someone on call.
  const ics = calendar(
    'BEGIN:VEVENT',
    'UID:friday13-not',
    'DTSTART;TZID=America/New_York:19970902T090000',
    'DURATION:PT24H',
    'RRULE:FREQ=MONTHLY;BYDAY=FR',
    'EXRULE:FREQ=MONTHLY;BYDAY=FR;BYMONTHDAY=13',
    'SUMMARY:Friday pager',
    'END:VEVENT',
  );

  it('leaves out the instances the exclusion rule names, and only those', () => {
    expect(onCallNames(ics, '1998-02-13T15:00:00Z')).toEqual([]); // Friday the 13th, 10:00 EST
    expect(onCallNames(ics, '1998-03-13T15:00:00Z')).toEqual([]);
    expect(onCallNames(ics, '1998-02-20T15:00:00Z')).toEqual(['Friday pager']);
    expect(onCallNames(ics, '1998-03-06T15:00:00Z')).toEqual(['Friday pager']);
  });

  it('reports an unreadable EXRULE and keeps the series', () => {
    const broken = ics.replace('EXRULE:FREQ=MONTHLY;BYDAY=FR;BYMONTHDAY=13', 'EXRULE:FREQ=FORTNIGHTLY');
    const result = expand(broken, '1998-02-13T15:00:00Z');
    expect(result.problems.map((p) => p.item).join()).toMatch(/friday13-not/);
    expect(onCallNames(broken, '1998-02-13T15:00:00Z')).toEqual(['Friday pager']);
  });
});

describe('an RRULE whose UNTIL is before DTSTART', () => {
  // niccokunzmann/python-recurring-ical-events test/calendars/issue_117_until_before_dtstart.ics, written by
  // Confluence Team Calendars: upstream (and Google, Apple) read it as no occurrence; the shift vanished without a word.
  const ics = calendar(
    'BEGIN:VEVENT',
    'UID:538924',
    'DTSTART;VALUE=DATE:20231002',
    'DTEND;VALUE=DATE:20231009',
    'SUMMARY:test123',
    'RRULE:FREQ=WEEKLY;UNTIL=20231001;INTERVAL=2;BYDAY=MO',
    'END:VEVENT',
  );

  it('is reported by event, naming UNTIL and DTSTART', () => {
    const result = expand(ics, '2023-10-02T12:00:00Z');
    expect(result.shifts).toEqual([]);
    expect(result.problems).toEqual([{ item: '"test123" UID 538924', reason: expect.stringMatching(/UNTIL 2023-10-01 is before DTSTART 2023-10-02/) }]);
  });
});

describe('the next handoff of a rota that goes on past the look-ahead', () => {
  // grafana/oncall engine/apps/schedules/tests/calendars/calendar_with_recurring_event.ics: the same person
  // every day, forever. Only the shifts of the look-ahead window are loaded, so the end of the last one
  // looked like a handoff to nobody ("next handoff: in 62 days").
  const ics = calendar(
    'BEGIN:VEVENT',
    'UID:0i0af8p6p8vfampe3r1vkog0jg@google.com',
    'DTSTART;VALUE=DATE:20210124',
    'DTEND;VALUE=DATE:20210125',
    'RRULE:FREQ=DAILY',
    'SUMMARY:@Bernard Desruisseaux',
    'END:VEVENT',
  );

  it('is no handoff at all when the same person stays on call to the end of the window', () => {
    const at = new Date('2026-11-23T09:00:00Z');
    const knownUntil = new Date(at.getTime() + 62 * DAY);
    const { shifts } = expandSchedule(ics, { from: at, to: knownUntil, defaultTimeZone: 'UTC' });
    const answer = onCallAt(shifts, at, knownUntil);
    expect(answer.current.map((s) => s.person)).toEqual(['Bernard Desruisseaux']);
    expect(answer.nextHandoffAt).toBeNull();
  });

  it('still names a handoff that falls inside the window', () => {
    const at = new Date('2026-11-23T09:00:00Z');
    const knownUntil = new Date(at.getTime() + 62 * DAY);
    const ended = ics.replace('RRULE:FREQ=DAILY', 'RRULE:FREQ=DAILY;UNTIL=20261130');
    const { shifts } = expandSchedule(ended, { from: at, to: knownUntil, defaultTimeZone: 'UTC' });
    expect(onCallAt(shifts, at, knownUntil).nextHandoffAt).toBe('2026-12-01T00:00:00.000Z');
  });
});

describe('TZIDs as RFC 2445 wrote them', () => {
  // ical4j/ical4j etc/samples/valid/friday13-NOT.ics: `TZID=US-Eastern` without a VTIMEZONE was read as the
  // local zone, five hours off.
  it('reads US-Eastern as US/Eastern', () => {
    const ics = calendar('BEGIN:VEVENT', 'UID:e', 'DTSTART;TZID=US-Eastern:19980220T090000', 'DURATION:PT1H', 'SUMMARY:Eastern', 'END:VEVENT');
    const result = expand(ics, '1998-02-20T14:30:00Z');
    expect(result.problems).toEqual([]);
    expect(result.shifts.map((s) => s.start)).toEqual(['1998-02-20T14:00:00.000Z']);
  });
});

describe('a rule whose BY parts never meet', () => {
  // Found while guarding the expansion of the second-pass files: ical.js walks FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30
  // day after day without yielding (9 minutes, then "Invalid array length"), so one such event froze the import.
  it('is reported by event and the rest of the calendar still answers', () => {
    const ics = calendar(
      'BEGIN:VEVENT',
      'UID:never',
      'SUMMARY:Never',
      'DTSTART:20200101T090000Z',
      'DURATION:PT1H',
      'RRULE:FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30',
      'END:VEVENT',
      'BEGIN:VEVENT',
      'UID:weekly',
      'SUMMARY:Primary: Ana',
      'DTSTART:20260105T090000Z',
      'DURATION:P7D',
      'RRULE:FREQ=WEEKLY',
      'END:VEVENT',
    );
    const result = expand(ics, '2026-11-23T12:00:00Z');
    expect(result.problems).toEqual([{ item: '"Never" UID never', reason: expect.stringMatching(/matched no time in 20000 steps/) }]);
    expect(onCallNames(ics, '2026-11-23T12:00:00Z')).toEqual(['Primary: Ana']);
  });
});

describe('a series begun years before the window', () => {
  // python-recurring-ical-events issue_243 (FREQ=DAILY from 2015), khal/Radicale weekly rotas, grafana/oncall
  // daily shifts: the walk now starts near the window; the shifts must be exactly those a walk from DTSTART gives.
  const zones = [
    'BEGIN:VTIMEZONE',
    'TZID:Europe/Berlin',
    'BEGIN:DAYLIGHT',
    'TZOFFSETFROM:+0100',
    'TZOFFSETTO:+0200',
    'DTSTART:19810329T020000',
    'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
    'END:DAYLIGHT',
    'BEGIN:STANDARD',
    'TZOFFSETFROM:+0200',
    'TZOFFSETTO:+0100',
    'DTSTART:19961027T030000',
    'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
    'END:STANDARD',
    'END:VTIMEZONE',
  ];
  const series: Record<string, string[]> = {
    'daily, floating': ['DTSTART:20150901T080000', 'DTEND:20150901T100000', 'RRULE:FREQ=DAILY'],
    'every 3 days, all day': ['DTSTART;VALUE=DATE:20190104', 'DTEND;VALUE=DATE:20190105', 'RRULE:FREQ=DAILY;INTERVAL=3'],
    'daily on weekdays in Berlin, across DST': ['DTSTART;TZID=Europe/Berlin:20210104T170000', 'DTEND;TZID=Europe/Berlin:20210105T090000', 'RRULE:FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR'],
    'fortnightly Monday handover, WKST=SU, from a Sunday-started week': [
      'DTSTART;TZID=America/New_York:20200106T090000',
      'DTEND;TZID=America/New_York:20200120T090000',
      'RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=MO;WKST=SU',
    ],
    'weekly with an UNTIL inside the window, EXDATE, RDATE and an override': [
      'DTSTART;TZID=Europe/Berlin:20180302T090000',
      'DTEND;TZID=Europe/Berlin:20180302T180000',
      'RRULE:FREQ=WEEKLY;BYDAY=FR,MO;UNTIL=20261218T080000Z',
      'EXDATE;TZID=Europe/Berlin:20261127T090000',
      'RDATE;TZID=Europe/Berlin:20261129T100000',
    ],
  };
  const override = ['BEGIN:VEVENT', 'UID:s', 'RECURRENCE-ID;TZID=Europe/Berlin:20261204T090000', 'DTSTART;TZID=Europe/Berlin:20261204T120000', 'DTEND;TZID=Europe/Berlin:20261204T200000', 'SUMMARY:Swap', 'END:VEVENT'];

  it.each(Object.keys(series))('%s: the same shifts as a walk from DTSTART', (name) => {
    const ics = calendar(...zones, 'BEGIN:VEVENT', 'UID:s', 'SUMMARY:Rota', ...series[name]!, 'END:VEVENT', ...override);
    const from = new Date('2026-10-19T00:00:00Z');
    const to = new Date('2027-02-01T00:00:00Z');
    const near = expandSchedule(ics, { from, to, defaultTimeZone: 'UTC' });
    // A window that opens before DTSTART makes the walk start at DTSTART itself.
    const whole = expandSchedule(ics, { from: new Date('2014-01-01T00:00:00Z'), to, defaultTimeZone: 'UTC' });
    const inWindow = whole.shifts.filter((s) => Date.parse(s.end) > from.getTime());
    expect(near.shifts.length).toBeGreaterThan(5);
    expect(near.shifts).toEqual(inWindow);
    expect(near.problems).toEqual(whole.problems);
  });
});

describe('days a monthly or yearly rule names', () => {
  // Found with the probes of unusual rules in this pass; RFC 5545 §3.3.10: "recurrence instances with an invalid
  // date (e.g., February 30) ... MUST be ignored". ical.js rolled 30 February over to 2 March, and ignored BYSETPOS
  // beside BYMONTHDAY, so "the last of the 29th-31st" put three people on call each month.
  const rule = (rrule: string) =>
    calendar('BEGIN:VEVENT', 'UID:r', 'SUMMARY:Month-end cover', 'DTSTART:20200131T090000Z', 'DURATION:PT8H', rrule, 'END:VEVENT');

  it('skips a date the month does not have instead of moving it into the next month', () => {
    const ics = rule('RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30');
    expect(onCallNames(ics, '2027-03-02T10:00:00Z')).toEqual([]);
    expect(onCallNames(ics, '2028-03-01T10:00:00Z')).toEqual([]);
  });

  it('applies BYSETPOS to the days of the month', () => {
    const ics = rule('RRULE:FREQ=MONTHLY;BYMONTHDAY=29,30,31;BYSETPOS=-1');
    expect(onCallNames(ics, '2027-01-29T10:00:00Z')).toEqual([]);
    expect(onCallNames(ics, '2027-01-31T10:00:00Z')).toEqual(['Month-end cover']);
    expect(onCallNames(ics, '2027-04-30T10:00:00Z')).toEqual(['Month-end cover']);
    expect(onCallNames(ics, '2028-02-29T10:00:00Z')).toEqual(['Month-end cover']);
  });

  it('keeps the rules ical.js already reads right', () => {
    expect(onCallNames(rule('RRULE:FREQ=MONTHLY;BYMONTHDAY=-1'), '2027-02-28T10:00:00Z')).toEqual(['Month-end cover']);
    expect(onCallNames(rule('RRULE:FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1'), '2027-01-29T10:00:00Z')).toEqual(['Month-end cover']);
    expect(onCallNames(rule('RRULE:FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1'), '2027-01-31T10:00:00Z')).toEqual([]);
  });
});

describe('week numbers (BYWEEKNO)', () => {
  // Found with the probes of unusual rules in this pass (RFC 5545 §3.8.5.3 example "Monday of week number 20"):
  // for FREQ=YEARLY;BYWEEKNO=1;BYDAY=MO ical.js yields every Monday of the year except week 1's, so a yearly
  // handover showed someone on call every week. Reported and read as its first occurrence instead.
  it('is reported, and no Monday but the first is shown', () => {
    const ics = calendar('BEGIN:VEVENT', 'UID:w1', 'SUMMARY:New-year cover', 'DTSTART:20200106T090000Z', 'DURATION:PT8H', 'RRULE:FREQ=YEARLY;BYWEEKNO=1;BYDAY=MO', 'END:VEVENT');
    expect(expand(ics, '2026-01-12T10:00:00Z').problems).toEqual([{ item: '"New-year cover" UID w1', reason: expect.stringMatching(/BYWEEKNO/) }]);
    expect(onCallNames(ics, '2026-01-12T10:00:00Z')).toEqual([]);
    expect(onCallNames(ics, '2020-01-06T10:00:00Z')).toEqual(['New-year cover']);
  });
});

describe('moved instances whose series is not in the file', () => {
  // pimutils/khal tests/ics/event_dt_multi_recuid_no_master.ics: two overrides of one UID, each still carrying the
  // series' RRULE. The last one's rule replaced the other override and repeated weekly to 2016; khal shows the two
  // shifts the file describes, and so does an on-call engineer reading it.
  const ics = calendar(
    'BEGIN:VEVENT',
    'UID:abe304dc',
    'SUMMARY:Arbeit',
    'RRULE:FREQ=WEEKLY;UNTIL=20160925T053000',
    'RECURRENCE-ID:20140714T053000',
    'DTSTART:20140630T073000',
    'DURATION:PT4H30M',
    'END:VEVENT',
    'BEGIN:VEVENT',
    'UID:abe304dc',
    'SUMMARY:Arbeit',
    'RECURRENCE-ID:20140707T053000',
    'RRULE:FREQ=WEEKLY;UNTIL=20160925T053000',
    'DTSTART:20140707T083000',
    'DTEND:20140707T120000',
    'END:VEVENT',
  );

  it('are each the one shift they describe', () => {
    expect(expand(ics, '2014-07-10T00:00:00Z').shifts.map((s) => [s.start, s.end])).toEqual([
      ['2014-06-30T07:30:00.000Z', '2014-06-30T12:00:00.000Z'],
      ['2014-07-07T08:30:00.000Z', '2014-07-07T12:00:00.000Z'],
    ]);
    expect(onCallNames(ics, '2014-07-21T10:00:00Z')).toEqual([]);
  });
});

describe('Zimbra TZIDs that name two offsets', () => {
  // pimutils/khal tests/ics/event_dtr_notz_untilz.ics: TZID="GMT-05.00/-04.00" (Zimbra's legacy form) and no
  // VTIMEZONE. Read as the local zone, a 13:00 meeting in New York in July showed at 13:00 UTC, four hours early.
  const ics = calendar(
    'BEGIN:VEVENT',
    'UID:273A4F5B7',
    'RRULE:FREQ=WEEKLY;UNTIL=20121101T035959Z;INTERVAL=2;BYDAY=TH',
    'SUMMARY:Storage Meeting',
    'DTSTART;TZID="GMT-05.00/-04.00":20120726T130000',
    'DTEND;TZID="GMT-05.00/-04.00":20120726T140000',
    'END:VEVENT',
  );

  it('reads the pair as the zone whose standard and daylight offsets they are, and says so', () => {
    expect(onCallNames(ics, '2012-07-26T17:30:00Z')).toEqual(['Storage Meeting']); // 13:30 EDT
    expect(onCallNames(ics, '2012-07-26T13:30:00Z')).toEqual([]);
    expect(onCallNames(ics, '2012-10-18T17:30:00Z')).toEqual(['Storage Meeting']);
    expect(expand(ics, '2012-07-26T17:30:00Z').problems).toEqual([{ item: 'TZID GMT-05.00/-04.00', reason: expect.stringMatching(/America\/New_York/) }]);
  });
});
