import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock, openTempApp, type TempApp } from '../../helpers/tempApp';
import type { OnCallEntry } from '../../../shared/api/contacts';

// grafana/oncall engine/apps/schedules/tests/calendars/calendar_with_recurring_event.ics, reduced: one person
// on call every day from 2021, forever (an all-day rota here, so that day after day is one unbroken cover).
const dailyRota = [
  'BEGIN:VCALENDAR',
  'VERSION:2.0',
  'BEGIN:VEVENT',
  'UID:0i0af8p6p8vfampe3r1vkog0jg@google.com',
  'DTSTART;VALUE=DATE:20210124',
  'DTEND;VALUE=DATE:20210125',
  'RRULE:FREQ=DAILY',
  'SUMMARY:@Bernard Desruisseaux',
  'END:VEVENT',
  'END:VCALENDAR',
  '',
].join('\r\n');

let app: TempApp;
beforeEach(async () => {
  app = await openTempApp({ clock: fixedClock('2026-11-23T09:00:00Z') });
});
afterEach(() => app.close());

async function onCall(at?: string): Promise<OnCallEntry> {
  const result = await app.dispatch('oncall.at', at ? { at } : {});
  if (!result.ok) throw new Error(result.error.message);
  return (result.value as { schedules: OnCallEntry[] }).schedules[0]!;
}

describe('oncall.at for a rota that goes on past the look-ahead window', () => {
  it('shows no handoff where only the loaded shifts end, from the cache and outside it', async () => {
    const imported = await app.dispatch('schedules.import', { text: dailyRota, name: 'Grafana daily' });
    expect(imported.ok).toBe(true);
    for (const at of [undefined, '2021-01-24T12:00:00Z']) {
      const entry = await onCall(at);
      expect(entry.current.map((s) => s.person)).toEqual(['Bernard Desruisseaux']);
      // Before: the end of the last loaded shift, 62 days on, was given as a handoff to nobody.
      expect(entry.nextHandoffAt).toBeNull();
      expect(entry.next).toEqual([]);
    }
  });
});
