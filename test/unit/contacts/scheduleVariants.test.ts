/**
 * Real-world iCalendar variants beyond the corpus, each reduced to the lines that matter and
 * checked the way a user sees it: who is on call at an instant. The upstream file each one comes
 * from is named above its test (the files themselves are not copied into the project).
 */
import { describe, expect, it } from 'vitest';
import { expandSchedule, onCallAt } from '../../../shared/domain/schedule';
import { resolveTzid } from '../../../shared/domain/zonedTime';

const DAY = 86_400_000;

function calendar(...lines: string[]): string {
  return ['BEGIN:VCALENDAR', 'VERSION:2.0', ...lines, 'END:VCALENDAR', ''].join('\r\n');
}

function expand(ics: string, at: string, defaultTimeZone = 'UTC') {
  const instant = new Date(at);
  return expandSchedule(ics, { from: new Date(instant.getTime() - 40 * DAY), to: new Date(instant.getTime() + 40 * DAY), defaultTimeZone });
}

/** Who the schedule says is on call at `at` (summaries, sorted), as `gobag oncall --at` answers it. */
function onCallNames(ics: string, at: string, defaultTimeZone = 'UTC'): string[] {
  return onCallAt(expand(ics, at, defaultTimeZone).shifts, new Date(at))
    .current.map((s) => s.summary)
    .sort();
}

const EXCHANGE_W_EUROPE = [
  'BEGIN:VTIMEZONE',
  'TZID:W. Europe Standard Time',
  'BEGIN:STANDARD',
  'DTSTART:16010101T030000',
  'TZOFFSETFROM:+0200',
  'TZOFFSETTO:+0100',
  'RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=10',
  'END:STANDARD',
  'BEGIN:DAYLIGHT',
  'DTSTART:16010101T020000',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0200',
  'RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=3',
  'END:DAYLIGHT',
  'END:VTIMEZONE',
];

describe('Exchange / Outlook exports', () => {
  // jens-maus/node-ical test/fixtures/exchange_whole_day_moved_recurrence.ics (and the
  // _offset_tz variant with RECURRENCE-ID;TZID=UTC+01): an all-day series whose moved instance
  // names the original day as a local date-time.
  it.each(['W. Europe Standard Time', 'UTC+01'])('moves an all-day instance whose RECURRENCE-ID is a date-time in %s', (tzid) => {
    const ics = calendar(
      ...EXCHANGE_W_EUROPE,
      'BEGIN:VEVENT',
      'RRULE:FREQ=WEEKLY;UNTIL=20260817T220000Z;INTERVAL=1;BYDAY=TU,TH;WKST=MO',
      'UID:exchange-moved-recurrence',
      'SUMMARY:Standby',
      'DTSTART;VALUE=DATE:20260219',
      'DTEND;VALUE=DATE:20260220',
      'END:VEVENT',
      'BEGIN:VEVENT',
      'UID:exchange-moved-recurrence',
      `RECURRENCE-ID;TZID=${tzid}:20260226T000000`,
      'SUMMARY:Standby (moved)',
      'DTSTART;VALUE=DATE:20260227',
      'DTEND;VALUE=DATE:20260228',
      'END:VEVENT',
    );
    expect(onCallNames(ics, '2026-02-26T12:00:00Z')).toEqual([]);
    expect(onCallNames(ics, '2026-02-27T12:00:00Z')).toEqual(['Standby (moved)']);
    expect(onCallNames(ics, '2026-03-03T12:00:00Z')).toEqual(['Standby']);
  });

  // jazzband/icalevents test/test_data/rrule_until_all_day_ms.ics: EXDATE of an all-day series
  // written as local midnight with a TZID.
  it('excludes an all-day instance whose EXDATE is a date-time with a TZID', () => {
    const ics = calendar(
      ...EXCHANGE_W_EUROPE,
      'BEGIN:VEVENT',
      'RRULE:FREQ=WEEKLY;UNTIL=20210502T220000Z;INTERVAL=1;BYDAY=FR;WKST=MO',
      'EXDATE;TZID=W. Europe Standard Time:20210430T000000',
      'UID:away',
      'SUMMARY:Away',
      'DTSTART;VALUE=DATE:20210319',
      'DTEND;VALUE=DATE:20210321',
      'END:VEVENT',
    );
    expect(onCallNames(ics, '2021-04-23T12:00:00Z')).toEqual(['Away']);
    expect(onCallNames(ics, '2021-04-30T12:00:00Z')).toEqual([]);
  });

  // jens-maus/node-ical test/ms_timezones.ics: the quote of TZID swallows the value.
  it('reads DTSTART;TZID="W. Europe Standard Time:…" as the zone and the time', () => {
    const ics = calendar(
      ...EXCHANGE_W_EUROPE,
      'BEGIN:VEVENT',
      'RRULE:FREQ=WEEKLY;UNTIL=20210309T080000Z;INTERVAL=1;BYDAY=MO,TU,WE,TH,FR,SA;WK',
      ' ST=MO',
      'UID:jira',
      'SUMMARY:Log time',
      'DTSTART;TZID="W. Europe Standard Time:20200609T090000"',
      'DTEND;TZID=W. Europe Standard Time:20200609T093000',
      'END:VEVENT',
    );
    const result = expand(ics, '2020-06-09T07:10:00Z');
    expect(result.problems).toEqual([]);
    // 09:00 CEST is 07:00 UTC; after the October change 09:00 CET is 08:00 UTC.
    expect(onCallNames(ics, '2020-06-09T07:10:00Z')).toEqual(['Log time']);
    expect(onCallNames(ics, '2020-11-02T08:10:00Z')).toEqual(['Log time']);
    expect(onCallNames(ics, '2020-11-02T07:10:00Z')).toEqual([]);
  });

  // jens-maus/node-ical test/fixtures/windows-quoted-tz-rrule.ics and jazzband/icalevents
  // test/test_data/ms_tz.ics: Windows zone names and Outlook display names with no VTIMEZONE.
  it('understands Windows zone names and Outlook display names without a VTIMEZONE, across DST', () => {
    const ics = calendar(
      'BEGIN:VEVENT',
      'UID:east',
      'SUMMARY:East coast',
      'DTSTART;TZID="(UTC-05:00) Eastern Time (US & Canada)":20250301T090000',
      'DTEND;TZID="(UTC-05:00) Eastern Time (US & Canada)":20250301T170000',
      'RRULE:FREQ=DAILY;COUNT=30',
      'END:VEVENT',
      'BEGIN:VEVENT',
      'UID:west',
      'SUMMARY:West coast',
      'DTSTART;TZID=Pacific Standard Time:20250301T090000',
      'DTEND;TZID=Pacific Standard Time:20250301T170000',
      'RRULE:FREQ=DAILY;COUNT=30',
      'END:VEVENT',
    );
    expect(expand(ics, '2025-03-05T12:00:00Z').problems).toEqual([]);
    // Before 9 March: EST (UTC-5) and PST (UTC-8); after: EDT (UTC-4) and PDT (UTC-7).
    expect(onCallNames(ics, '2025-03-05T14:30:00Z')).toEqual(['East coast']);
    expect(onCallNames(ics, '2025-03-05T13:30:00Z')).toEqual([]);
    expect(onCallNames(ics, '2025-03-12T13:30:00Z')).toEqual(['East coast']);
    expect(onCallNames(ics, '2025-03-05T17:30:00Z')).toEqual(['East coast', 'West coast']);
    expect(onCallNames(ics, '2025-03-12T16:30:00Z')).toEqual(['East coast', 'West coast']);
  });

  // jens-maus/node-ical test/fixtures/bad_ms_tz.ics: a VTIMEZONE with a name no table knows
  // must still be used when another event of the file cannot be parsed.
  it('keeps the VTIMEZONEs for the good events when another event of the file is broken', () => {
    const ics = calendar(
      'BEGIN:VTIMEZONE',
      'TZID:Customized Time Zone',
      'BEGIN:STANDARD',
      'DTSTART:16010101T020000',
      'TZOFFSETFROM:-0400',
      'TZOFFSETTO:-0500',
      'RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=1SU;BYMONTH=11',
      'END:STANDARD',
      'BEGIN:DAYLIGHT',
      'DTSTART:16010101T020000',
      'TZOFFSETFROM:-0500',
      'TZOFFSETTO:-0400',
      'RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=2SU;BYMONTH=3',
      'END:DAYLIGHT',
      'END:VTIMEZONE',
      'BEGIN:VEVENT',
      'UID:broken',
      'SUMMARY;X-BROKEN:Broken',
      'DTSTART:20201103T150000Z',
      'END:VEVENT',
      'BEGIN:VEVENT',
      'RRULE:FREQ=WEEKLY;UNTIL=20201217T153500Z;INTERVAL=1;BYDAY=TU,TH;WKST=SU',
      'UID:1173422081SZR322',
      'SUMMARY:Class',
      'DTSTART;TZID=Customized Time Zone:20200825T103500',
      'DTEND;TZID=Customized Time Zone:20200825T115000',
      'END:VEVENT',
    );
    const result = expand(ics, '2020-11-03T15:40:00Z');
    // ical.js refuses the whole file over the bad parameter; each event is then read on its own.
    expect(result.problems).toEqual([{ item: '"Broken" UID broken', reason: expect.stringContaining("Invalid parameters in 'SUMMARY;X-BROKEN:Broken'") }]);
    // 10:35 EDT = 14:35 UTC in October, 10:35 EST = 15:35 UTC in November.
    expect(onCallNames(ics, '2020-10-29T14:40:00Z')).toEqual(['Class']);
    expect(onCallNames(ics, '2020-11-03T15:40:00Z')).toEqual(['Class']);
    expect(onCallNames(ics, '2020-11-03T14:40:00Z')).toEqual([]);
  });
});

describe('Google, Thunderbird and CalDAV exports', () => {
  // niccokunzmann/python-recurring-ical-events test/calendars/issue-36-recurrence-ID-format.ics:
  // a UTC RECURRENCE-ID for a series in a zone with no VTIMEZONE, and date-only RECURRENCE-IDs
  // written without VALUE=DATE (this file used to abort the whole import).
  it('relates RECURRENCE-IDs written in another form than DTSTART, and reads bare dates', () => {
    const ics = calendar(
      'BEGIN:VEVENT',
      'DTSTART;TZID=Europe/Berlin:20200910T140000',
      'DTEND;TZID=Europe/Berlin:20200910T150000',
      'RRULE:FREQ=WEEKLY',
      'SUMMARY:Base event',
      'UID:series 1',
      'END:VEVENT',
      '',
      'BEGIN:VEVENT',
      'DTSTART;TZID=Europe/Berlin:20200917T160000',
      'DTEND;TZID=Europe/Berlin:20200917T170000',
      'RECURRENCE-ID:20200917T120000Z',
      'SEQUENCE:1',
      'SUMMARY:Modified event',
      'UID:series 1',
      'END:VEVENT',
      'BEGIN:VEVENT',
      'DTSTART;VALUE=DATE:20200907',
      'DTEND;VALUE=DATE:20200908',
      'RRULE:FREQ=WEEKLY',
      'SUMMARY:Day series',
      'UID:series 2',
      'END:VEVENT',
      'BEGIN:VEVENT',
      'DTSTART;VALUE=DATE:20200915',
      'DTEND;VALUE=DATE:20200916',
      'RECURRENCE-ID:20200914',
      'SUMMARY:Day moved',
      'UID:series 2',
      'END:VEVENT',
      'BEGIN:VEVENT',
      'DTSTART;VALUE=DATE:20200922',
      'DTEND;VALUE=DATE:20200923',
      'RECURRENCE-ID:20200921T000000Z',
      'SUMMARY:Day moved again',
      'UID:series 2',
      'END:VEVENT',
    );
    expect(expand(ics, '2020-09-17T12:30:00Z').problems).toEqual([]);
    // 14:00 CEST = 12:00 UTC: the original slot is free, the moved one (16:00 CEST) is taken.
    expect(onCallNames(ics, '2020-09-17T12:30:00Z')).toEqual([]);
    expect(onCallNames(ics, '2020-09-17T14:30:00Z')).toEqual(['Modified event']);
    expect(onCallNames(ics, '2020-09-24T12:30:00Z')).toEqual(['Base event']);
    expect(onCallNames(ics, '2020-09-14T10:00:00Z')).toEqual([]);
    expect(onCallNames(ics, '2020-09-15T10:00:00Z')).toEqual(['Day moved']);
    expect(onCallNames(ics, '2020-09-21T10:00:00Z')).toEqual([]);
    expect(onCallNames(ics, '2020-09-22T10:00:00Z')).toEqual(['Day moved again']);
  });

  // ical.js relates every RECURRENCE-ID in the calendar to every series it builds, whatever the UID
  // (ical.js Event constructor); two rotations with the same handoff times are the common case.
  it("does not let one rotation's override replace another rotation's shift", () => {
    const ics = calendar(
      'BEGIN:VEVENT',
      'UID:primary',
      'SUMMARY:Primary: Alice',
      'DTSTART:20250106T090000Z',
      'DTEND:20250113T090000Z',
      'RRULE:FREQ=WEEKLY',
      'END:VEVENT',
      'BEGIN:VEVENT',
      'UID:secondary',
      'SUMMARY:Secondary: Bob',
      'DTSTART:20250106T090000Z',
      'DTEND:20250113T090000Z',
      'RRULE:FREQ=WEEKLY',
      'END:VEVENT',
      'BEGIN:VEVENT',
      'UID:secondary',
      'RECURRENCE-ID:20250120T090000Z',
      'SUMMARY:Secondary: Carol',
      'DTSTART:20250120T090000Z',
      'DTEND:20250127T090000Z',
      'END:VEVENT',
    );
    expect(onCallNames(ics, '2025-01-22T12:00:00Z')).toEqual(['Primary: Alice', 'Secondary: Carol']);
    expect(onCallNames(ics, '2025-01-29T12:00:00Z')).toEqual(['Primary: Alice', 'Secondary: Bob']);
  });

  // niccokunzmann/python-recurring-ical-events test/calendars/issue_18_cancel_status.ics
  it('leaves out an instance cancelled by a STATUS:CANCELLED override', () => {
    const ics = calendar(
      'BEGIN:VEVENT',
      'UID:b65c2b5b',
      'SUMMARY:one is cancelled',
      'RRULE:FREQ=DAILY;COUNT=3',
      'DTSTART;TZID=Europe/Berlin:20200128T220000',
      'DTEND;TZID=Europe/Berlin:20200128T230000',
      'SEQUENCE:1',
      'END:VEVENT',
      'BEGIN:VEVENT',
      'UID:b65c2b5b',
      'SUMMARY:one is cancelled',
      'STATUS:CANCELLED',
      'RECURRENCE-ID;TZID=Europe/Berlin:20200129T220000',
      'DTSTART;TZID=Europe/Berlin:20200129T220000',
      'DTEND;TZID=Europe/Berlin:20200129T230000',
      'SEQUENCE:2',
      'END:VEVENT',
    );
    expect(onCallNames(ics, '2020-01-28T21:30:00Z')).toEqual(['one is cancelled']);
    expect(onCallNames(ics, '2020-01-29T21:30:00Z')).toEqual([]);
    expect(onCallNames(ics, '2020-01-30T21:30:00Z')).toEqual(['one is cancelled']);
  });

  // niccokunzmann/python-recurring-ical-events recurring_ical_events/test/calendars/issue_163_deleted_modification.ics:
  // the series twice under one UID; the copy with the higher SEQUENCE is current.
  it('uses the copy of a series with the higher SEQUENCE when a UID appears twice', () => {
    const series = (sequence: number, exdate: string | null) => [
      'BEGIN:VEVENT',
      'DTSTART;VALUE=DATE:20240729',
      'DTEND;VALUE=DATE:20240805',
      'SUMMARY:test123',
      'UID:111',
      'RRULE:FREQ=WEEKLY;INTERVAL=3;BYDAY=MO',
      ...(exdate ? [`EXDATE;VALUE=DATE:${exdate}`] : []),
      `SEQUENCE:${sequence}`,
      'END:VEVENT',
    ];
    const moved = ['BEGIN:VEVENT', 'DTSTART;VALUE=DATE:20240819', 'DTEND;VALUE=DATE:20240822', 'SUMMARY:test123 moved', 'UID:111', 'RECURRENCE-ID;VALUE=DATE:20240819', 'SEQUENCE:1', 'END:VEVENT'];
    // Newest copy last (as in the file) and first: the answer must not depend on the order.
    for (const ics of [calendar(...series(1, null), ...moved, ...series(2, '20240819')), calendar(...series(2, '20240819'), ...moved, ...series(1, null))]) {
      expect(onCallNames(ics, '2024-08-20T12:00:00Z')).toEqual([]);
      expect(onCallNames(ics, '2024-09-10T12:00:00Z')).toEqual(['test123']);
    }
  });

  // grafana/oncall engine/apps/schedules/tests/calendars/calendar_with_all_day_event.ics: Google
  // calendar used as a Grafana OnCall schedule, the summary is the user.
  it('names the whole "@First Last" of a Grafana OnCall summary, with the day that was handed over', () => {
    const ics = calendar(
      'X-WR-TIMEZONE:Asia/Yekaterinburg',
      'BEGIN:VEVENT',
      'DTSTART;VALUE=DATE:20210127',
      'DTEND;VALUE=DATE:20210128',
      'UID:7q00jpu4hdlr9e3j4fftbv7kt7@google.com',
      'SUMMARY:@Alex',
      'END:VEVENT',
      'BEGIN:VEVENT',
      'DTSTART;TZID=Asia/Yekaterinburg:20210127T130000',
      'DTEND;TZID=Asia/Yekaterinburg:20210127T220000',
      'UID:0i0af8p6p8vfampe3r1vkog0jg@google.com',
      'RECURRENCE-ID;TZID=Asia/Yekaterinburg:20210127T130000',
      'SUMMARY:@Bob',
      'END:VEVENT',
      'BEGIN:VEVENT',
      'DTSTART;TZID=Asia/Yekaterinburg:20210124T130000',
      'DTEND;TZID=Asia/Yekaterinburg:20210124T220000',
      'RRULE:FREQ=DAILY',
      'UID:0i0af8p6p8vfampe3r1vkog0jg@google.com',
      'SUMMARY:@Bernard Desruisseaux',
      'END:VEVENT',
    );
    const people = (at: string) =>
      onCallAt(expand(ics, at).shifts, new Date(at))
        .current.map((s) => s.person)
        .sort();
    // 13:00–22:00 at UTC+5 is 08:00–17:00 UTC; the all-day event is the local day.
    expect(people('2021-01-27T10:00:00Z')).toEqual(['Alex', 'Bob']);
    expect(people('2021-01-28T10:00:00Z')).toEqual(['Bernard Desruisseaux']);
    expect(people('2021-01-27T18:00:00Z')).toEqual(['Alex']);
    expect(people('2021-01-27T19:30:00Z')).toEqual([]);
  });

  // jazzband/icalevents test/test_data/duration.ics: DTSTART:20180110 without VALUE=DATE, and DURATION.
  it('reads a date written without VALUE=DATE and a DURATION instead of DTEND', () => {
    const ics = calendar(
      'BEGIN:VEVENT',
      'DTSTART:20180110',
      'DURATION:P3D',
      'SUMMARY:Three days',
      'END:VEVENT',
      'BEGIN:VEVENT',
      'DTSTART:20180115T100000',
      'DURATION:PT3H',
      'SUMMARY:Three hours',
      'END:VEVENT',
    );
    expect(expand(ics, '2018-01-12T12:00:00Z').problems).toEqual([]);
    expect(onCallNames(ics, '2018-01-12T12:00:00Z')).toEqual(['Three days']);
    expect(onCallNames(ics, '2018-01-13T00:30:00Z')).toEqual([]);
    expect(onCallNames(ics, '2018-01-15T12:59:00Z')).toEqual(['Three hours']);
  });

  // jazzband/icalevents test/test_data/rrule_until_only_date.ics: UNTIL as a date under a date-time DTSTART.
  it('keeps the last day of a rule whose UNTIL is a date', () => {
    const ics = calendar(
      'BEGIN:VEVENT',
      'UID:u1',
      'SUMMARY:Day shift',
      'DTSTART;TZID=Europe/Berlin:20240101T090000',
      'DTEND;TZID=Europe/Berlin:20240101T170000',
      'RRULE:FREQ=DAILY;UNTIL=20240105',
      'END:VEVENT',
    );
    expect(onCallNames(ics, '2024-01-05T12:00:00Z')).toEqual(['Day shift']);
    expect(onCallNames(ics, '2024-01-06T12:00:00Z')).toEqual([]);
  });

  // jazzband/icalevents test/test_data/recurring_override.ics (Exchange) embeds a VTIMEZONE for
  // Europe/Zurich with only the 2021 transitions and no rule: later summers must still be CEST.
  it('uses the zone rules of an IANA TZID when the embedded VTIMEZONE is cut short', () => {
    const ics = calendar(
      'BEGIN:VTIMEZONE',
      'TZID:Europe/Zurich',
      'BEGIN:STANDARD',
      'DTSTART:20211031T030000',
      'TZOFFSETFROM:+0200',
      'TZOFFSETTO:+0100',
      'END:STANDARD',
      'BEGIN:DAYLIGHT',
      'DTSTART:20210328T020000',
      'TZOFFSETFROM:+0100',
      'TZOFFSETTO:+0200',
      'END:DAYLIGHT',
      'END:VTIMEZONE',
      'BEGIN:VEVENT',
      'UID:z1',
      'SUMMARY:Primary: Zoe',
      'DTSTART;TZID=Europe/Zurich:20210705T090000',
      'DTEND;TZID=Europe/Zurich:20210705T170000',
      'RRULE:FREQ=DAILY',
      'END:VEVENT',
    );
    // 09:00 CEST = 07:00 UTC in July 2022.
    expect(onCallNames(ics, '2022-07-04T07:30:00Z')).toEqual(['Primary: Zoe']);
    expect(onCallNames(ics, '2022-07-04T15:30:00Z')).toEqual([]);
  });

  // niccokunzmann/python-recurring-ical-events test/calendars/end-before-start-event.ics
  it('reports an event that ends before it starts instead of silently showing nobody', () => {
    const ics = calendar(
      'BEGIN:VEVENT',
      'UID:UYDQSG9TH4DE0WM3QFL2J',
      'SUMMARY:test1',
      'DTSTART;TZID=Europe/Berlin:20190304T083000',
      'DTEND;TZID=Europe/Berlin:20190304T080000',
      'END:VEVENT',
    );
    expect(expand(ics, '2019-03-04T07:40:00Z').problems).toEqual([{ item: '"test1" UID UYDQSG9TH4DE0WM3QFL2J', reason: expect.stringMatching(/ends before it starts/) }]);
    expect(onCallNames(ics, '2019-03-04T07:40:00Z')).toEqual([]);
  });

  // collective/icalendar src/icalendar/tests/calendars/issue_1081_invalid_start_and_end.ics (and
  // multiple_timezones.ics for RDATE;VALUE=TIME), next to a good event.
  it('names the event and the field of a date that is not a date, and keeps the rest', () => {
    const ics = calendar(
      'BEGIN:VEVENT',
      'UID:test-123',
      'DTSTART:INVALID-DATE',
      'DTEND:ALSO-INVALID',
      'SUMMARY:Test',
      'END:VEVENT',
      'BEGIN:VEVENT',
      'UID:rota',
      'SUMMARY:Primary: Ann',
      'DTSTART:20250106T090000Z',
      'DTEND:20250107T090000Z',
      'RRULE:FREQ=DAILY;COUNT=3',
      'RDATE;VALUE=TIME:133000Z',
      'EXDATE:20250107T090000Z',
      'END:VEVENT',
    );
    const result = expand(ics, '2025-01-06T12:00:00Z');
    expect(result.problems).toEqual([
      { item: '"Test" UID test-123', reason: 'DTSTART "INVALID-DATE": not a date or date-time; DTEND "ALSO-INVALID": not a date or date-time; the event is left out' },
      { item: '"Primary: Ann" UID rota', reason: 'RDATE "133000Z": not a date or date-time; that line is ignored' },
    ]);
    expect(result.eventCount).toBe(1);
    expect(onCallNames(ics, '2025-01-06T12:00:00Z')).toEqual(['Primary: Ann']);
    expect(onCallNames(ics, '2025-01-07T12:00:00Z')).toEqual([]);
    expect(onCallNames(ics, '2025-01-08T12:00:00Z')).toEqual(['Primary: Ann']);
  });

  // collective/icalendar src/icalendar/tests/calendars/issue_104_broken_calendar.ics (a stray "X"
  // line), issue_1872_empty_duration.ics, invalid_duration.ics, issue_1633_rdate_with_dates_and_tzid.ics
  it('says what it ignored in damaged files and still answers for the good events', () => {
    const ics = calendar(
      'BEGIN:VEVENT',
      'UID:good',
      'DTSTART:20240101T000000Z',
      'DTEND:20240101T080000Z',
      'SUMMARY:Night: Nia',
      'END:VEVENT',
      'X',
      'BEGIN:VEVENT',
      'UID:empty-duration@example.com',
      'DTSTART:20240101T080000Z',
      'DURATION:P',
      'SUMMARY:Event with an empty duration',
      'END:VEVENT',
      'BEGIN:VEVENT',
      'UID:invalid-duration@example.com',
      'DTSTART:20240101T000000Z',
      'DURATION:P999999999999999999W',
      'SUMMARY:Event with an impractical duration',
      'END:VEVENT',
      'BEGIN:VEVENT',
      'UID:1',
      'SUMMARY:Day: Dan',
      'DTSTART;TZID=America/New_York:20240101T030000',
      'DTEND;TZID=America/New_York:20240101T150000',
      'RDATE;TZID=America/New_York;VALUE=PERIOD:20240102/20240103',
      'END:VEVENT',
    );
    expect(expand(ics, '2024-01-01T12:00:00Z').problems).toEqual([
      { item: 'file', reason: '"X" is not a property line (no ":"); ignored' },
      { item: '"Event with an empty duration" UID empty-duration@example.com', reason: 'DURATION "P": not a duration; that line is ignored' },
      { item: '"Day: Dan" UID 1', reason: 'RDATE "20240102/20240103": not a date or date-time; that line is ignored' },
      { item: '"Event with an impractical duration" UID invalid-duration@example.com', reason: 'its end (DTEND or DURATION) is out of range' },
    ]);
    expect(onCallNames(ics, '2024-01-01T07:00:00Z')).toEqual(['Night: Nia']);
    expect(onCallNames(ics, '2024-01-01T12:00:00Z')).toEqual(['Day: Dan']);
    expect(onCallNames(ics, '2024-01-02T12:00:00Z')).toEqual([]);
  });

  it('says so when damage outside any event made ical.js refuse the file, and still reads the events', () => {
    const ics = calendar('X-PUBLISHED-TTL;BROKEN:PT1H', 'BEGIN:VEVENT', 'UID:a', 'SUMMARY:Primary: Ann', 'DTSTART:20250101T000000Z', 'DTEND:20250102T000000Z', 'END:VEVENT');
    expect(expand(ics, '2025-01-01T12:00:00Z').problems).toEqual([{ item: 'file', reason: "Invalid parameters in 'X-PUBLISHED-TTL;BROKEN:PT1H'; the events were read one by one" }]);
    expect(onCallNames(ics, '2025-01-01T12:00:00Z')).toEqual(['Primary: Ann']);
  });

  it('reports an override with an unreadable RECURRENCE-ID by event; the series still expands', () => {
    const ics = calendar(
      'BEGIN:VEVENT',
      'UID:rota',
      'SUMMARY:Primary: Ann',
      'DTSTART:20250106T090000Z',
      'DTEND:20250113T090000Z',
      'RRULE:FREQ=WEEKLY',
      'END:VEVENT',
      'BEGIN:VEVENT',
      'UID:rota',
      'SUMMARY:Primary: Ben',
      'RECURRENCE-ID:2025-01-13 09:00',
      'DTSTART:20250113T090000Z',
      'DTEND:20250120T090000Z',
      'END:VEVENT',
    );
    const result = expand(ics, '2025-01-22T12:00:00Z');
    expect(result.problems).toEqual([expect.objectContaining({ item: '"Primary: Ben" UID rota' })]);
    expect(onCallNames(ics, '2025-01-22T12:00:00Z')).toEqual(['Primary: Ann']);
  });
});

describe('resolveTzid', () => {
  it.each([
    ['Europe/Berlin', 'Europe/Berlin', 'iana'],
    ['/mozilla.org/20050126_1/America/New_York', 'America/New_York', 'iana'],
    ['W. Europe Standard Time', 'Europe/Berlin', 'windows'],
    ['GMT Standard Time', 'Europe/London', 'windows'],
    ['(UTC-05:00) Eastern Time (US & Canada)', 'America/New_York', 'windows'],
    ['(UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna', 'Europe/Berlin', 'windows'],
    ['UTC+01', 'Etc/GMT-1', 'offset'],
    ['GMT-0500', 'Etc/GMT+5', 'offset'],
    ['(UTC+05:30) Somewhere', 'Asia/Kolkata', 'offset'],
  ])('%s → %s (%s)', (tzid, zone, from) => {
    expect(resolveTzid(tzid)).toEqual({ zone, from });
  });

  it('knows nothing of made-up names', () => {
    expect(resolveTzid('Europe/Germany')).toBeNull();
    expect(resolveTzid('Customized Time Zone')).toBeNull();
  });
});

describe('a feed that is not a calendar', () => {
  // 600 KB of indented blank lines (a server that pads an error page): the check for BEGIN:VCALENDAR
  // used to rescan the rest of the text from every line, minutes of a frozen app on each refresh.
  it('reports a reply of only blank, indented lines as not a calendar, saying what it starts with', () => {
    const reply = ' \r\n'.repeat(200_000) + 'Service Unavailable';
    const result = expand(reply, '2026-03-02T12:00:00Z');
    expect(result.shifts).toEqual([]);
    expect(result.problems).toEqual([{ item: 'file', reason: 'not an iCalendar file (no BEGIN:VCALENDAR); it starts with "Service Unavailable"' }]);
  });

  it('still reads a calendar whose BEGIN:VCALENDAR follows a byte-order mark and blank lines', () => {
    const ics = '\uFEFF\r\n  \r\n' + calendar('BEGIN:VEVENT', 'UID:bom-1', 'DTSTART:20260302T000000Z', 'DTEND:20260303T000000Z', 'SUMMARY:Primary: Ann', 'END:VEVENT');
    expect(onCallNames(ics, '2026-03-02T12:00:00Z')).toEqual(['Primary: Ann']);
  });
});

describe('a calendar that ends in many unfinished events', () => {
  // 64,000 BEGIN:VEVENT lines without END after the real events (1.4 MB of a damaged feed): finding the
  // blocks searched the rest of the file from each of them, minutes of a frozen app on every refresh.
  // The test fails by timing out without the fix; the whole event before the damage must still count.
  it('reads the complete event before the damage and reports the damage', () => {
    const whole = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'BEGIN:VEVENT', 'UID:whole', 'DTSTART:20260302T000000Z', 'DTEND:20260303T000000Z', 'SUMMARY:Primary: Ann', 'END:VEVENT', ''].join('\r\n');
    const ics = whole + 'BEGIN:VEVENT\r\nUID:cut\r\n'.repeat(64_000);
    const result = expand(ics, '2026-03-02T12:00:00Z');
    expect(result.problems.length).toBeGreaterThan(0);
    expect(result.shifts.map((s) => s.summary)).toEqual(['Primary: Ann']);
  });
});

describe('a summary padded with thousands of spaces', () => {
  // A feed whose exporter pads SUMMARY: the PagerDuty pattern /On Call - (.+?)\s*-\s/ backtracked over
  // every split of the spaces (52 s for 5,000 of them) on each refresh. Fails by timing out without the fix.
  it('still names the person on call', () => {
    const ics = calendar('BEGIN:VEVENT', 'UID:pad-1', 'DTSTART:20260302T000000Z', 'DTEND:20260303T000000Z', `SUMMARY:On Call -${' '.repeat(8_000)}Jane Doe`, 'END:VEVENT');
    const [shift] = expand(ics, '2026-03-02T12:00:00Z').shifts;
    expect(shift?.person).toBe('Jane Doe');
  });
});

describe('an attendee that is not an address', () => {
  // 200 KB of "a." in an ATTENDEE (a damaged export): the address check searched from every character
  // (7 s for 80 KB, minutes here) on each refresh. Fails by timing out without the fix.
  it('ignores it and still names the person from the summary', () => {
    const ics = calendar('BEGIN:VEVENT', 'UID:att-1', 'DTSTART:20260302T000000Z', 'DTEND:20260303T000000Z', 'SUMMARY:Primary: Jane Doe', `ATTENDEE:mailto:${'a.'.repeat(100_000)}`, 'END:VEVENT');
    const [shift] = expand(ics, '2026-03-02T12:00:00Z').shifts;
    expect(shift).toMatchObject({ person: 'Jane Doe', personEmail: null });
  });
});

describe('one unreadable override of a series', () => {
  it('costs only its own instance: the other swaps of the series still show who covers', () => {
    const ics = calendar(
      'BEGIN:VEVENT', 'UID:rota', 'DTSTART:20260302T090000Z', 'DTEND:20260309T090000Z', 'RRULE:FREQ=WEEKLY', 'SUMMARY:Primary: Ann', 'END:VEVENT',
      // An end far out of range (a damaged DURATION) in the override written first.
      'BEGIN:VEVENT', 'UID:rota', 'RECURRENCE-ID:20260309T090000Z', 'DTSTART:20260309T090000Z', 'DURATION:P99999999D', 'SUMMARY:Primary: Cid', 'END:VEVENT',
      'BEGIN:VEVENT', 'UID:rota', 'RECURRENCE-ID:20260316T090000Z', 'DTSTART:20260316T090000Z', 'DTEND:20260323T090000Z', 'SUMMARY:Primary: Bob', 'END:VEVENT',
    );
    expect(onCallNames(ics, '2026-03-18T12:00:00Z')).toEqual(['Primary: Bob']);
    expect(onCallNames(ics, '2026-03-25T12:00:00Z')).toEqual(['Primary: Ann']);
    const result = expand(ics, '2026-03-18T12:00:00Z');
    expect(result.eventCount).toBe(1);
    expect(result.problems).toEqual([{ item: '"Primary: Cid" UID rota', reason: expect.stringContaining('out of range') }]);
  });
});
