import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { corpusRoot, fixedClock, openTempApp, type TempApp } from '../../helpers/tempApp';
import type { OnCallEntry, Schedule } from '../../../shared/api/contacts';

const icsRoot = path.join(corpusRoot, 'schedules', 'collective-icalendar', 'src', 'icalendar', 'tests');
const allIcs = fs
  .readdirSync(icsRoot, { recursive: true })
  .map(String)
  .filter((f) => f.endsWith('.ics'))
  .sort();
const read = (file: string) => fs.readFileSync(path.join(icsRoot, file), 'utf8');

let app: TempApp;
let clock: ReturnType<typeof fixedClock>;
beforeEach(async () => {
  clock = fixedClock('2021-11-20T12:00:00Z');
  app = await openTempApp({ clock });
});
afterEach(() => app.close());

async function call<T>(method: string, input: unknown): Promise<T> {
  const result = await app.dispatch(method, input);
  if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
  return result.value as T;
}
type Report = { schedule: Schedule; problems: { file: string; item: string; reason: string }[] };

describe('schedules from the real iCalendar corpus', () => {
  it('imports all 20 files without crashing: broken ones are reported by file and item, good parts import', async () => {
    expect(allIcs).toHaveLength(20);
    const outcome: Record<string, { events: number; problems: string[] }> = {};
    for (const file of allIcs) {
      const result = await app.dispatch('schedules.import', { text: read(file), name: path.basename(file, '.ics'), fileName: file });
      expect(result.ok, `${file}: ${JSON.stringify(result)}`).toBe(true);
      const report = (result as { ok: true; value: Report }).value;
      for (const p of report.problems) expect(p.file).toBe(file);
      outcome[path.basename(file)] = { events: report.schedule.eventCount, problems: report.problems.map((p) => `${p.item}: ${p.reason}`) };
    }
    // Deliberately broken input is reported, with the reason, and kept aside.
    expect(outcome['issue_1081_invalid_rrule_freq.ics']!.problems).toEqual([expect.stringMatching(/UID test-123.*invalid frequency/)]);
    expect(outcome['bom_calendar.ics']!.problems).toEqual(['file: the calendar has no events']);
    expect(outcome['rfc_7529.ics']!.problems).toEqual(
      expect.arrayContaining([expect.stringMatching(/UID 4\.3\.2.*BYMONTH/), expect.stringMatching(/UID 4\.3\.1.*RSCALE=CHINESE/)]),
    );
    // Events without DTSTART are named; the good event of the same file imports.
    expect(outcome['issue_722_missing_timezones.ics']).toEqual({ events: 1, problems: [expect.stringMatching(/no DTSTART/), expect.stringMatching(/no DTSTART/)] });
    expect(outcome['rfc_7529.ics']!.events).toBe(3);
    const rejects = app.ctx.db.prepare("SELECT count(*) FROM import_rejects WHERE kind = 'schedule'").pluck().get() as number;
    expect(rejects).toBeGreaterThanOrEqual(6);
    const schedules = await call<Schedule[]>('schedules.list', {});
    // Files with nothing usable are reported but do not become empty schedules ("nobody on call").
    const names = schedules.map((s) => s.name);
    expect(names).not.toContain('bom_calendar');
    expect(names).not.toContain('issue_1081_invalid_rrule_freq');
    expect(names).toEqual(expect.arrayContaining(['america_new_york', 'issue_722_missing_timezones', 'rfc_7529', 'x_location']));
    expect(schedules.length).toBe(Object.values(outcome).filter((o) => o.events > 0).length);
  });

  it('expands several EXDATE lines: exactly the excluded Tuesdays are missing', async () => {
    const report = await call<Report>('schedules.import', { text: read('events/event_with_recurrence_exdates_on_different_lines.ics'), name: 'exdates' });
    clock.set('2012-05-01T00:00:00Z');
    // Re-import with "now" in 2012 so the cache covers the series.
    await call('schedules.import', { text: read('events/event_with_recurrence_exdates_on_different_lines.ics'), name: 'exdates' });
    const tuesdays: string[] = [];
    for (let t = Date.parse('2012-03-27T09:00:00Z'); t < Date.parse('2012-07-04T00:00:00Z'); t += 7 * 86_400_000) {
      const at = await call<{ schedules: OnCallEntry[] }>('oncall.at', { at: new Date(t).toISOString() });
      if (at.schedules[0]!.current.length) tuesdays.push(new Date(t).toISOString().slice(0, 10));
    }
    expect(report.problems).toEqual([]);
    expect(tuesdays).toEqual(['2012-03-27', '2012-04-24', '2012-05-08', '2012-05-15', '2012-05-22', '2012-06-05', '2012-06-12', '2012-06-19', '2012-06-26', '2012-07-03']);
  });

  it('expands RDATE periods with a quoted custom TZID and a THISANDFUTURE override (Lotus Notes)', async () => {
    clock.set('2021-11-01T00:00:00Z');
    await call('schedules.import', { text: read('calendars/issue_156_RDATE_with_PERIOD_TZID_khal_2.ics'), name: 'lotus' });
    const at = async (iso: string) => (await call<{ schedules: OnCallEntry[] }>('oncall.at', { at: iso })).schedules[0]!;
    // 16:00 in "Western/Central Europe" (VTIMEZONE: UTC+1 in winter) = 15:00Z, for 30 minutes.
    expect((await at('2021-12-06T15:10:00Z')).current).toEqual([expect.objectContaining({ start: '2021-12-06T15:00:00.000Z', end: '2021-12-06T15:30:00.000Z', personEmail: 'omitted@example.com' })]);
    expect((await at('2021-12-06T15:40:00Z')).current).toEqual([]);
    const beforeFeb = await at('2022-01-10T00:00:00Z');
    expect(beforeFeb.next[0]?.start).toBe('2022-02-07T15:00:00.000Z');
  });

  it('uses VTIMEZONE definitions with non-ASCII TZIDs and IANA TZIDs without a VTIMEZONE', async () => {
    clock.set('2017-05-01T00:00:00Z');
    await call('schedules.import', { text: read('calendars/issue_237_fail_to_parse_timezone_with_non_ascii_tzid.ics'), name: 'brasilia' });
    const brasilia = (await call<{ schedules: OnCallEntry[] }>('oncall.at', { at: '2017-05-11T16:45:00Z' })).schedules[0]!;
    // 13:30 in "(UTC-03:00) Brasília" is 16:30Z.
    expect(brasilia.current[0]).toMatchObject({ start: '2017-05-11T16:30:00.000Z', end: '2017-05-11T17:00:00.000Z' });

    clock.set('2013-09-01T00:00:00Z');
    const report = await call<Report>('schedules.import', { text: read('events/issue_112_missing_tzinfo_on_exdate.ics'), name: 'market' });
    expect(report.problems).toEqual([]);
    const entry = (await call<{ schedules: OnCallEntry[] }>('oncall.at', { at: '2013-09-07T18:00:00Z' })).schedules.find((s) => s.name === 'market')!;
    // America/New_York (EDT, UTC-4): 12:00–17:00 local.
    expect(entry.current[0]).toMatchObject({ start: '2013-09-07T16:00:00.000Z', end: '2013-09-07T21:00:00.000Z' });
    // EXDATEs on Fri 11 and Sat 12 October: no shift those days, the next one is Fri 18th.
    const october = (await call<{ schedules: OnCallEntry[] }>('oncall.at', { at: '2013-10-10T12:00:00Z' })).schedules.find((s) => s.name === 'market')!;
    expect(october.next[0]?.start).toBe('2013-10-18T16:00:00.000Z');
  });

  it('reads DST-transition-ambiguous local times as the first occurrence, per RFC 5545', async () => {
    clock.set('2024-05-01T00:00:00Z');
    await call('schedules.import', { text: read('calendars/issue_722_timezone_transition_ambiguity.ics'), name: 'ambiguity' });
    const text = read('calendars/issue_722_timezone_transition_ambiguity.ics');
    const schedules = await call<Schedule[]>('schedules.list', {});
    expect(schedules[0]!.eventCount).toBe((text.match(/BEGIN:VEVENT/g) ?? []).length);
    expect(schedules[0]!.problems).toEqual([]);
  });

  it('keeps the cached copy and records the error when a feed cannot be fetched (offline)', async () => {
    const imported = await call<Report>('schedules.subscribe', { url: 'http://127.0.0.1:9/oncall.ics', name: 'pagerduty' });
    expect(imported.problems[0]!.reason).toMatch(/fetch failed/);
    expect(imported.schedule.lastError).toMatch(/fetch failed/);
    expect(imported.schedule.url).toBe('http://127.0.0.1:9/oncall.ics');
  });
});
