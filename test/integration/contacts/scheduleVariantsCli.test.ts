/**
 * `gobag import schedule` and `gobag oncall --at` on real-world calendar shapes (reduced inline
 * reproductions; upstream files named at each test).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/cli/main';
import type { CliIo } from '../../../electron/cli/command';
import { tempDir } from '../../helpers/tempApp';

const dataDir = tempDir('gobag-schedule-variants-cli-');
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = { json: false, stdout: (t) => (out += `${t}\n`), stderr: (t) => (err += `${t}\n`), readStdin: async () => '' };
  const code = await runCli(['--data-dir', dataDir, ...args], io);
  return { code, out, err };
}

function writeIcs(name: string, lines: string[]): string {
  const file = path.join(dataDir, name);
  fs.writeFileSync(file, `\uFEFF${['BEGIN:VCALENDAR', 'VERSION:2.0', ...lines, 'END:VCALENDAR', ''].join('\r\n')}`);
  return file;
}

async function onCallAt(at: string, schedule: string): Promise<string[]> {
  const result = await cli(['--json', 'oncall', '--at', at]);
  expect(result.code).toBe(0);
  const answer = JSON.parse(result.out) as { schedules: { name: string; current: { summary: string }[] }[] };
  return answer.schedules.find((s) => s.name === schedule)!.current.map((s) => s.summary);
}

describe('gobag import schedule / oncall on real-world calendar shapes', () => {
  // jazzband/icalevents test/test_data/multi_exdate_same_line_ms.ics (Exchange 2010, CRLF + BOM here):
  // Windows TZID with its VTIMEZONE, several EXDATEs on one folded line, UNTIL in UTC.
  it('answers an Exchange weekly series across the DST change, without the excluded Fridays', async () => {
    const file = writeIcs('exchange.ics', [
      'BEGIN:VTIMEZONE',
      'TZID:Eastern Standard Time',
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
      'RRULE:FREQ=WEEKLY;UNTIL=20220429T150000Z;INTERVAL=1;BYDAY=FR;WKST=MO',
      'EXDATE;TZID=Eastern Standard Time:20220318T110000,20220401T110000,20220408T',
      ' 110000',
      'UID:040000008200R00074P5O7101N82R00800000000R0Q793689428Q801000000000000000',
      ' 010000000QOPN4SS024R0264S9P0Q7OOQQ16PN399',
      'SUMMARY:Recurring With Exclusions',
      'DTSTART;TZID=Eastern Standard Time:20220311T110000',
      'DTEND;TZID=Eastern Standard Time:20220311T113000',
      'END:VEVENT',
    ]);
    const imported = await cli(['import', 'schedule', file, '--name', 'Exchange']);
    expect(imported.code).toBe(0);
    expect(imported.out).not.toContain('problem');
    expect(await onCallAt('2022-03-11T16:10:00Z', 'Exchange')).toEqual(['Recurring With Exclusions']); // 11:10 EST
    expect(await onCallAt('2022-03-18T15:10:00Z', 'Exchange')).toEqual([]); // excluded
    expect(await onCallAt('2022-03-25T15:10:00Z', 'Exchange')).toEqual(['Recurring With Exclusions']); // 11:10 EDT
    expect(await onCallAt('2022-04-29T15:10:00Z', 'Exchange')).toEqual(['Recurring With Exclusions']); // last, at UNTIL
    expect(await onCallAt('2022-05-06T15:10:00Z', 'Exchange')).toEqual([]);
  });

  // jens-maus/node-ical test/fixtures/germany_at_end_of_day_repeating.ics: a TZID that is no zone
  // at all (and a doubled TZID=TZID=); the events are past. The import works and says so.
  it('imports a calendar of past events with an unknown TZID: exit 0, the zone problem named once', async () => {
    const file = writeIcs('germany.ics', [
      'BEGIN:VEVENT',
      'DTSTART;TZID=Europe/Germany:20241022T230000',
      'DTEND;TZID=TZID=Europe/Germany:20241023T000000',
      'RRULE:FREQ=DAILY;WKST=MO;COUNT=4',
      'UID:2m6mt1p89l2anl74915ur3hsgm@google.com',
      'SUMMARY:Late shift',
      'END:VEVENT',
    ]);
    const imported = await cli(['import', 'schedule', file, '--name', 'Germany']);
    expect(imported.code).toBe(0);
    expect(imported.out.match(/TZID Europe\/Germany: no VTIMEZONE for it and not a known zone name/g)).toHaveLength(1);
    expect(imported.out).not.toContain('TZID=Europe/Germany');
  });

  it('still fails (exit 1) when nothing in the file can be used', async () => {
    const file = writeIcs('bad-rule.ics', ['BEGIN:VEVENT', 'UID:test-123', 'DTSTART:20250101T100000Z', 'RRULE:FREQ=SOMETIMES', 'SUMMARY:Test Event', 'END:VEVENT']);
    const imported = await cli(['import', 'schedule', file, '--name', 'Bad rule']);
    expect(imported.code).toBe(1);
    expect(imported.out).toContain('invalid frequency');
  });
});
