/**
 * A subscribed feed is fetched every 30 minutes: a calendar that keeps the same flaw must not add
 * the same rejected item (and, when nothing parses, a copy of the whole file) each time.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock, openTempApp, type TempApp } from '../../helpers/tempApp';
import type { OnCallEntry, Schedule } from '../../../shared/api/contacts';

// The TZID shape Exchange writes when an offset stands in for a zone (jens-maus/node-ical
// test/fixtures/exchange_whole_day_moved_recurrence_offset_tz.ics), here on the shift itself.
const WARNED_FEED = [
  'BEGIN:VCALENDAR',
  'VERSION:2.0',
  'BEGIN:VEVENT',
  'UID:pd-1',
  'SUMMARY:On Call - Dana DBA - Database',
  'DTSTART;TZID=UTC+01:20261122T090000',
  'DTEND;TZID=UTC+01:20261123T090000',
  'END:VEVENT',
  'END:VCALENDAR',
].join('\r\n');

let app: TempApp;
let server: http.Server;
let url: string;
let body = WARNED_FEED;

beforeEach(async () => {
  app = await openTempApp({ clock: fixedClock('2026-11-22T10:00:00Z') });
  body = WARNED_FEED;
  server = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/calendar' });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/oncall.ics`;
});
afterEach(async () => {
  app.close();
  await new Promise((resolve) => server.close(resolve));
});

async function call<T>(method: string, input: unknown): Promise<T> {
  const result = await app.dispatch(method, input);
  if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
  return result.value as T;
}

function rejects(): { reason: string; raw_length: number }[] {
  return app.ctx.db.prepare("SELECT reason, length(raw) AS raw_length FROM import_rejects WHERE kind = 'schedule' ORDER BY rowid").all() as { reason: string; raw_length: number }[];
}

describe('schedule problems kept aside once per flaw', () => {
  it('a warning of a refreshed feed is kept once; the shift is still answered', async () => {
    const first = await call<{ schedule: Schedule; problems: { reason: string }[] }>('schedules.subscribe', { url, name: 'Database' });
    expect(first.problems).toEqual([expect.objectContaining({ reason: expect.stringContaining('fixed offset Etc/GMT-1') })]);
    await call('schedules.refresh', { id: first.schedule.id });
    await call('schedules.refresh', { id: first.schedule.id });
    expect(rejects()).toHaveLength(1);
    // 09:00 at UTC+01 is 08:00 UTC.
    const answer = await call<{ schedules: OnCallEntry[] }>('oncall.at', { at: '2026-11-22T08:30:00Z' });
    expect(answer.schedules[0]!.current.map((s) => s.person)).toEqual(['Dana DBA']);
  });

  it('a feed that turns to garbage keeps one copy of it aside, not one per fetch, and the last good copy answers', async () => {
    const first = await call<{ schedule: Schedule }>('schedules.subscribe', { url, name: 'Database' });
    const before = rejects().length;
    body = '<html><body>Please sign in</body></html>';
    await call('schedules.refresh', { id: first.schedule.id });
    const afterFirstFailure = rejects().slice(before);
    expect(afterFirstFailure.map((r) => r.reason)).toEqual(['not an iCalendar file (no BEGIN:VCALENDAR); it starts with "<html><body>Please sign in</body></html>"']);
    expect(afterFirstFailure.every((r) => r.raw_length > 0)).toBe(true);
    for (let i = 0; i < 3; i++) await call('schedules.refresh', { id: first.schedule.id });
    expect(rejects().slice(before)).toEqual(afterFirstFailure);
    const schedule = (await call<Schedule[]>('schedules.list', {}))[0]!;
    expect(schedule.lastError).toMatch(/^nothing imported: file: not an iCalendar file \(no BEGIN:VCALENDAR\)/);
    const answer = await call<{ schedules: OnCallEntry[] }>('oncall.at', { at: '2026-11-22T08:30:00Z' });
    expect(answer.schedules[0]!.current.map((s) => s.person)).toEqual(['Dana DBA']);
  });
});
