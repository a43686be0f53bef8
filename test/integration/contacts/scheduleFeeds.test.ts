import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock, openTempApp, type TempApp } from '../../helpers/tempApp';
import type { OnCallEntry, Schedule } from '../../../shared/api/contacts';

const FEED = (who: string) =>
  [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'X-WR-CALNAME:PagerDuty export',
    'BEGIN:VEVENT',
    'UID:pd-1',
    `SUMMARY:On Call - ${who} - Database Escalation`,
    'DTSTART:20261122T080000Z',
    'DTEND:20261123T080000Z',
    'ATTENDEE;CN=Someone:mailto:someone@acme.example',
    'END:VEVENT',
    'END:VCALENDAR',
  ].join('\r\n');

let app: TempApp;
let server: http.Server;
let url: string;
let body = FEED('Dana DBA');
let status = 200;

beforeEach(async () => {
  app = await openTempApp({ clock: fixedClock('2026-11-22T10:00:00Z') });
  server = http.createServer((_req, res) => {
    res.writeHead(status, { 'content-type': 'text/calendar' });
    res.end(status === 200 ? body : 'down');
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
const now = async () => (await call<{ schedules: OnCallEntry[] }>('oncall.at', {})).schedules[0]!;

describe('iCalendar feed subscriptions', () => {
  it('fetches while online, answers from the cache when the feed fails, and maps shifts to contacts', async () => {
    const dana = await call<{ id: string }>('contacts.save', { name: 'Dana DBA', phones: [{ value: '+1 555 0100' }] });
    const subscribed = await call<{ schedule: Schedule; problems: unknown[] }>('schedules.subscribe', { url, name: 'DB primary' });
    expect(subscribed.problems).toEqual([]);
    expect(subscribed.schedule).toMatchObject({ url, shiftCount: 1, lastError: null, lastRefreshAt: '2026-11-22T10:00:00.000Z' });
    expect((await now()).current[0]).toMatchObject({ person: 'Dana DBA', contact: { id: dana.id, phones: [{ value: '+1 555 0100' }] } });

    status = 503;
    const [failed] = await call<{ schedule: Schedule; problems: { reason: string }[] }[]>('schedules.refresh', {});
    expect(failed!.problems[0]!.reason).toBe('fetch failed: HTTP 503 Service Unavailable');
    const entry = await now();
    expect(entry.lastError).toBe('fetch failed: HTTP 503 Service Unavailable');
    expect(entry.lastRefreshAt).toBe('2026-11-22T10:00:00.000Z');
    expect(entry.current[0]?.person).toBe('Dana DBA');

    status = 200;
    body = FEED('Sam SRE');
    await call('schedules.refresh', {});
    expect((await now()).current[0]).toMatchObject({ person: 'Sam SRE', contact: null });
    expect((await now()).lastError).toBeNull();

    await call('schedules.remove', { id: subscribed.schedule.id });
    expect(await call<Schedule[]>('schedules.list', {})).toEqual([]);
    expect((await call<{ kind: string }[]>('sources.list', {})).filter((s) => s.kind === 'schedules')).toEqual([]);
    expect((await call<{ schedules: OnCallEntry[] }>('oncall.at', {})).schedules).toEqual([]);
  });

  it('maps people with a configured pattern, by email and by @handle', async () => {
    await call('contacts.save', { name: 'Pat Pager', emails: [{ value: 'pat@acme.example' }] });
    await call('contacts.save', { name: 'Jo Jones', tags: ['@jojo'] });
    const ics = (summary: string) =>
      ['BEGIN:VCALENDAR', 'BEGIN:VEVENT', 'UID:x', `SUMMARY:${summary}`, 'DTSTART:20261122T000000Z', 'DTEND:20261123T000000Z', 'END:VEVENT', 'END:VCALENDAR'].join('\r\n');
    await call('schedules.import', { text: ics('Netz | Bereitschaft: Pat Pager | Woche 47'), name: 'custom', personPattern: 'Bereitschaft: (?<person>[^|]+)' });
    expect((await now()).current[0]).toMatchObject({ person: 'Pat Pager', contact: { name: 'Pat Pager' } });
    await call('schedules.import', { text: ics('pat@acme.example'), name: 'custom' });
    expect((await now()).current[0]?.contact?.name).toBe('Pat Pager');
    await call('schedules.import', { text: ics('Primary: @jojo'), name: 'custom', personPattern: null });
    const schedules = await call<Schedule[]>('schedules.list', {});
    await call('schedules.update', { id: schedules[0]!.id, personPattern: null });
    expect((await now()).current[0]).toMatchObject({ person: '@jojo', contact: { name: 'Jo Jones' } });
    const invalid = await app.dispatch('schedules.update', { id: schedules[0]!.id, personPattern: '(unclosed' });
    expect(invalid).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining('personPattern') } });
  });
});
